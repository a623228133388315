using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Cluster.Inference;

/// <summary>
/// One tile to run through the detector: its place in the photo and its pixels as PNG (never raw pixels over
/// remoting). Past <see cref="Deadline"/> the asker has timed out (and may have retried), so a worker skips it.
/// </summary>
[Manifest("inference.infer-tile.v1")]
public sealed record InferTile(Guid SessionId, int TileIndex, PixelRect Tile, byte[] Png, DateTimeOffset Deadline) : IDemeterMessage;

/// <summary>Detections in the tile's own pixel frame, and the ONNX Runtime time they took.</summary>
[Manifest("inference.tile-inferred.v1")]
public sealed record TileInferred(
    Guid SessionId, int TileIndex, IReadOnlyList<Detection> Detections, double OrtMs, string Worker, string ModelName, string ModelSha256)
    : IDemeterMessage;

[Manifest("inference.tile-failed.v1")]
public sealed record TileInferenceFailed(Guid SessionId, int TileIndex, string Reason, string Worker) : IDemeterMessage;

/// <summary>
/// A photo to segment into containers: its pixels downscaled (PNG) to what a segmenter can use, and the full photo's
/// size, in whose pixels the containers come back.
/// </summary>
[Manifest("inference.segment-photo.v1")]
public sealed record SegmentPhoto(Guid SessionId, byte[] Png, int PhotoWidth, int PhotoHeight, DateTimeOffset Deadline) : IDemeterMessage;

[Manifest("inference.photo-segmented.v1")]
public sealed record PhotoSegmented(
    Guid SessionId, IReadOnlyList<Container> Containers, double ElapsedMs, string Worker, string SegmenterName, string SegmenterSha256) : IDemeterMessage;

[Manifest("inference.segmentation-failed.v1")]
public sealed record SegmentationFailed(Guid SessionId, string Reason, string Worker) : IDemeterMessage;
