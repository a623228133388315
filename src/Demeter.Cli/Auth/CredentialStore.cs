using System.Text.Json;

namespace Demeter.Cli.Auth;

/// <summary>
/// The tokens `demeter login` got, one entry per server, in the user's configuration directory
/// ($XDG_CONFIG_HOME/demeter/credentials.json, else ~/.config/demeter/credentials.json). The file is readable by
/// its owner only: it holds a refresh token, which is as good as the password until it expires.
/// </summary>
public sealed class CredentialStore(string file)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static CredentialStore Default() =>
        new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "demeter", "credentials.json"));

    public string File => file;

    public StoredCredentials? Find(string server) => Load().GetValueOrDefault(Key(server));

    public void Save(string server, StoredCredentials credentials)
    {
        var all = Load();
        all[Key(server)] = credentials;
        Write(all);
    }

    public bool Remove(string server)
    {
        var all = Load();
        if (!all.Remove(Key(server)))
        {
            return false;
        }

        Write(all);
        return true;
    }

    /// <summary>One spelling per server, so http://HOST:5080/ and http://host:5080 share their tokens.</summary>
    public static string Key(string server) => new Uri(server.TrimEnd('/') + "/").GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    private Dictionary<string, StoredCredentials> Load()
    {
        if (!System.IO.File.Exists(file))
        {
            return new Dictionary<string, StoredCredentials>(StringComparer.Ordinal);
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, StoredCredentials>>(System.IO.File.ReadAllText(file), Json)
                ?? new Dictionary<string, StoredCredentials>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw new Http.CliException($"{file} is not a credentials file; delete it and run `demeter login` again.");
        }
    }

    private void Write(Dictionary<string, StoredCredentials> all)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        // Written beside and moved over the old file, so a crash mid-write never leaves half a file.
        var temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, all, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        System.IO.File.Move(temporary, file, overwrite: true);
    }
}

/// <summary>A server's tokens: the access token until <see cref="ExpiresAt"/>, and the refresh token for the next one.</summary>
public sealed record StoredCredentials(string Username, string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);
