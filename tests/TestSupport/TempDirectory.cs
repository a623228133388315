namespace Demeter.TestSupport;

/// <summary>A new empty directory under the system temp dir, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "demeter-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a file still open (e.g. a SQLite journal on a slow close) must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
