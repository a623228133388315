using Demeter.Domain.Messaging;
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
