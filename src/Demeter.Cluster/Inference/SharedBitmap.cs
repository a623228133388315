using SkiaSharp;

namespace Demeter.Cluster.Inference;

/// <summary>
/// A bitmap read by several parties at once: a photo graph and the inference workers of its own process, which read
/// a tile's pixels in place instead of getting a copy. Each reader holds a lease while it reads; the bitmap is freed
/// when its owner has disposed it and the last lease is returned, so a graph that gives up (timeout, failure) never frees
/// pixels a worker is still letterboxing (freeing them under Skia crashes the process).
/// </summary>
public sealed class SharedBitmap(SKBitmap bitmap) : IDisposable
{
    private readonly SKBitmap _bitmap = bitmap;

    // The owner's reference plus one per lease; 0 = freed.
    private int _references = 1;
    private int _ownerReleased;

    public int Width { get; } = bitmap.Width;

    public int Height { get; } = bitmap.Height;

    /// <summary>A lease on the pixels, or null once they are gone (their photo finished or failed).</summary>
    public Lease? TryAcquire()
    {
        while (true)
        {
            var seen = Volatile.Read(ref _references);
            if (seen == 0)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _references, seen + 1, seen) == seen)
            {
                return new Lease(this);
            }
        }
    }

    /// <summary>Gives up the owner's reference; the pixels go with the last lease.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ownerReleased, 1) == 0)
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _bitmap.Dispose();
        }
    }

    /// <summary>Read access to the pixels until disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private SharedBitmap? _owner;

        internal Lease(SharedBitmap owner) => _owner = owner;

        public SKBitmap Bitmap => (_owner ?? throw new ObjectDisposedException(nameof(Lease)))._bitmap;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
    }
}
