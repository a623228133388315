namespace Demeter.Domain.Layout;

/// <summary>A WGS84 position in GeoJSON order: longitude first, degrees.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);
