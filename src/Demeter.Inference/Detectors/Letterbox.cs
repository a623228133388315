namespace Demeter.Inference.Detectors;

/// <summary>
/// The YOLO letterbox mapping between a source image and the model input: uniform scale
/// r = min(Sw/W, Sh/H), resized image centred on grey padding. Per-axis scales are the exact ratios of the
/// rounded resized size, so mapping back is exact for the pixels actually drawn.
/// </summary>
public readonly record struct Letterbox(float ScaleX, float ScaleY, int PadX, int PadY, int ResizedWidth, int ResizedHeight)
{
    /// <summary>RGB value of the padding (114/255 grey, as ultralytics).</summary>
    public const byte PadValue = 114;

    public static Letterbox Fit(int sourceWidth, int sourceHeight, int inputWidth, int inputHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        var r = Math.Min(inputWidth / (double)sourceWidth, inputHeight / (double)sourceHeight);
        var w = Math.Clamp((int)Math.Round(sourceWidth * r), 1, inputWidth);
        var h = Math.Clamp((int)Math.Round(sourceHeight * r), 1, inputHeight);
        return new Letterbox((float)w / sourceWidth, (float)h / sourceHeight, (inputWidth - w) / 2, (inputHeight - h) / 2, w, h);
    }

    public (float X, float Y) ToInput(float x, float y) => ((x * ScaleX) + PadX, (y * ScaleY) + PadY);

    public (float X, float Y) ToSource(float x, float y) => ((x - PadX) / ScaleX, (y - PadY) / ScaleY);
}
