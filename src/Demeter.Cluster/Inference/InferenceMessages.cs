using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Cluster.Inference;

/// <summary>
/// Pixels for the inference role: a region of a shared bitmap. A worker in the same process reads them in place; towards
/// another node they travel as raw pixels (<see cref="Serialization.InferenceRequestSerializer"/>), and the message that
/// arrives owns the copy (<see cref="OwnedByMessage"/>), which its worker frees once it has run it.
/// </summary>
public sealed record InferencePixels(SharedBitmap Source, PixelRect Region, bool OwnedByMessage = false);

/// <summary>
/// One detector pass to run: its place in the photo (<see cref="Tile"/>) and the pixels it runs on. Past
/// <see cref="Deadline"/> the asker has timed out (and may have retried), so a worker skips it. <see cref="Trace"/> is
/// the photo's trace context, which the worker's span continues (on whichever node it runs).
/// </summary>
public sealed record InferTile(
    Guid SessionId, int TileIndex, PixelRect Tile, InferencePixels Pixels, DateTimeOffset Deadline, System.Diagnostics.ActivityContext Trace = default);

/// <summary>Detections in the pixels' own frame, and the ONNX Runtime time they took (the tile's share of its batch's Run).</summary>
[Manifest("inference.tile-inferred.v1")]
public sealed record TileInferred(
    Guid SessionId, int TileIndex, IReadOnlyList<Detection> Detections, double OrtMs, string Worker, string ModelName, string ModelSha256)
    : IDemeterMessage;

[Manifest("inference.tile-failed.v1")]
public sealed record TileInferenceFailed(Guid SessionId, int TileIndex, string Reason, string Worker) : IDemeterMessage;

/// <summary>
/// The worker's queue is full: the request was not taken. The asker waits <see cref="RetryAfterMs"/> and asks again;
/// this is the back-pressure of the inference role, so it does not count as a failed attempt.
/// </summary>
[Manifest("inference.busy.v1")]
public sealed record InferenceBusy(Guid SessionId, int TileIndex, int Queued, int RetryAfterMs, string Worker) : IDemeterMessage;

/// <summary>
/// A photo to segment into containers: its pixels scaled down to what a segmenter can use, and the full photo's size,
/// in whose pixels the containers come back.
/// </summary>
public sealed record SegmentPhoto(
    Guid SessionId, InferencePixels Pixels, int PhotoWidth, int PhotoHeight, DateTimeOffset Deadline, System.Diagnostics.ActivityContext Trace = default);

[Manifest("inference.photo-segmented.v1")]
public sealed record PhotoSegmented(
    Guid SessionId, IReadOnlyList<Container> Containers, double ElapsedMs, string Worker, string SegmenterName, string SegmenterSha256) : IDemeterMessage;

[Manifest("inference.segmentation-failed.v1")]
public sealed record SegmentationFailed(Guid SessionId, string Reason, string Worker) : IDemeterMessage;
