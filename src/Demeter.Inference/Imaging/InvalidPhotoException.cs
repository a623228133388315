namespace Demeter.Inference.Imaging;

/// <summary>The bytes are not a photo we can use: unknown format, corrupt or truncated data, or too many pixels.</summary>
public sealed class InvalidPhotoException : Exception
{
    public InvalidPhotoException(string message)
        : base(message)
    {
    }

    public InvalidPhotoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
