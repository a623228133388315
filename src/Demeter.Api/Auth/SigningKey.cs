using System.Security.Cryptography;

namespace Demeter.Api.Auth;

/// <summary>
/// The key access tokens are signed with (HMAC-SHA256). It comes from DEMETER_TOKEN_SIGNING_KEY (base64, at least
/// 32 bytes; every API node of a cluster then shares it), else from a file in the data directory that the first
/// start writes with mode 600, so it never sits in the repository or in a configuration file.
/// </summary>
public static class SigningKey
{
    public const int MinBytes = 32;

    public static byte[] Load(AuthSettings settings)
    {
        if (settings.SigningKey is { } text)
        {
            return Decode(text, $"{AuthSettings.SigningKeyVariable}");
        }

        var file = settings.SigningKeyFile;
        if (File.Exists(file))
        {
            return Decode(File.ReadAllText(file).Trim(), file);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(64);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(file, System.Text.Encoding.ASCII, options);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another node on the same data directory wrote it first: use theirs.
            return Decode(File.ReadAllText(file).Trim(), file);
        }

        return key;
    }

    private static byte[] Decode(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The token signing key in {source} is not base64.");
        }

        return key.Length >= MinBytes
            ? key
            : throw new InvalidOperationException($"The token signing key in {source} has {key.Length} bytes; it needs at least {MinBytes} (e.g. `openssl rand -base64 48`).");
    }
}
