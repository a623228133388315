using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Estimation;

/// <summary>
/// The estimation parameters learned from validated counts for one product and packaging: the plant size used when a
/// photo's own detections are too few, and α. <see cref="Version"/> grows with every validated session taken in.
/// </summary>
[Manifest("photo.plant-size-calibration.v1")]
public sealed record PlantSizeCalibration(string Key, int Version, double PlantAreaPx, double Alpha, int Samples) : IDemeterMessage;
