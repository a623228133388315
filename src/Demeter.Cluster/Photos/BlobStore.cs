using System.Security.Cryptography;

namespace Demeter.Cluster.Photos;

/// <summary>
/// Content-addressed file store for uploaded photos: a blob's id is the SHA-256 of its bytes, so the same
/// photo uploaded twice is stored once and a stored blob can never change under a session.
/// </summary>
public sealed class BlobStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public static string IdOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Stores the bytes durably (written to a temp file, flushed, then renamed) and returns the blob id.</summary>
    public async Task<string> PutAsync(byte[] content, CancellationToken ct = default)
    {
        var id = IdOf(content);
        var path = PathOf(id);
        if (File.Exists(path))
        {
            return id;
        }

        await WriteReplacingAsync(path, content, FileOptions.WriteThrough, ct);
        return id;
    }

    public bool Exists(string id) => IsValidId(id) && File.Exists(PathOf(id));

    /// <summary>Stores a rendition of blob <paramref name="id"/> (e.g. its thumbnail) under its id and a name, replacing any.</summary>
    public async Task PutRenditionAsync(string id, string name, byte[] content, CancellationToken ct = default)
    {
        await WriteReplacingAsync(RenditionPath(id, name), content, FileOptions.None, ct);
    }

    /// <summary>The rendition of blob <paramref name="id"/> called <paramref name="name"/>, or null when there is none yet.</summary>
    public async Task<byte[]?> ReadRenditionAsync(string id, string name, CancellationToken ct = default)
    {
        var path = RenditionPath(id, name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    // Renditions can be made again from their blob, so they live apart from the blobs and are written without a flush.
    private string RenditionPath(string id, string name) =>
        IsValidId(id) && name.Length > 0 && !name.Contains("..", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
            ? Path.Combine(Root, "renditions", id[..2], $"{id}.{name}")
            : throw new ArgumentException($"'{id}' / '{name}' is not a blob rendition.");

    public Task<byte[]> ReadAsync(string id, CancellationToken ct = default) =>
        Exists(id) ? File.ReadAllBytesAsync(PathOf(id), ct) : throw new FileNotFoundException($"Blob {id} is not in the store at {Root}.");

    // Written to a temporary file first and renamed, so a reader never sees half a file.
    private static async Task WriteReplacingAsync(string path, byte[] content, FileOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, options))
        {
            await stream.WriteAsync(content, ct);
            await stream.FlushAsync(ct);
        }

        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string id) =>
        IsValidId(id) ? Path.Combine(Root, id[..2], id[2..4], id) : throw new ArgumentException($"'{id}' is not a blob id.");

    private static bool IsValidId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);
}
