namespace Demeter.Inference.Synthetic;

/// <summary>Ground truth of one generated plant: centre and outer diameter in photo pixels.</summary>
public readonly record struct SyntheticPlant(float X, float Y, float DiameterPx);

/// <summary>A generated tray photo as JPEG bytes with the plants that were drawn on it.</summary>
public sealed record SyntheticPhoto(byte[] Jpeg, int Width, int Height, IReadOnlyList<SyntheticPlant> Plants);
