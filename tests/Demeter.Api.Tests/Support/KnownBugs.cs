namespace Demeter.Api.Tests.Support;

/// <summary>Bugs in src/ that skipped tests document; each test is written as the behaviour should be.</summary>
public static class KnownBugs
{
    /// <summary>
    /// About half of all photo sessions never leave 'processing'. The processing child finishes and tells its
    /// parent Succeeded, but PhotoSessionActor never handles it: the message (and any GetPhotoSession asked
    /// meanwhile) stays stashed and is dead-lettered only when the node stops. The session persisted
    /// PhotoProcessingStarted from inside a DeferAsync callback (DeciderEntity.Handle → DeferAsync → OnPersisted
    /// → Advance → Handle(BeginProcessing) → PersistAll + DeferAsync), a nested persist that leaves an Akka
    /// persistent actor stashing for good (cf. akka/akka-core#23781). Nothing retries, so the photo is never
    /// counted nor booked. Seen on SQLite and PostgreSQL, one node at a time.
    /// </summary>
    public const string PhotoSessionStallsInProcessing =
        "BUG: photo sessions often stay 'processing' forever: PhotoSessionActor persists BeginProcessing inside the DeferAsync "
        + "callback of the previous decision (OnPersisted -> Advance -> Handle) and then keeps its child's Succeeded stashed.";

    /// <summary>
    /// Stopping a node while a photo is being tiled kills the process: PhotoProcessingGraph.RunAsync disposes the
    /// decoded SKBitmap in its finally block as soon as the aborted stream's task fails, while the tile encoders
    /// it started with Task.Run (TileCodec.EncodePng(t.Photo.Bitmap, ...)) still read that bitmap on pool threads:
    /// "segfault at 18 ... in libSkiaSharp.so" on a .NET TP Worker (the test host crashed). The same happens
    /// whenever the stream fails early, e.g. a tile that fails inference.
    /// </summary>
    public const string StoppingWhileTilingCrashesTheProcess =
        "BUG: stopping a node while a photo is tiled segfaults in libSkiaSharp: PhotoProcessingGraph disposes the decoded "
        + "bitmap when the aborted stream fails while Task.Run tile encoders still read it.";
}
