namespace Demeter.Inference.Imaging;

/// <summary>A WGS-84 position in decimal degrees; south and west are negative.</summary>
public readonly record struct GpsCoordinate(double Latitude, double Longitude);
