namespace Demeter.Domain.Layout;

/// <summary>
/// Where a GPS fix was placed. <see cref="Inside"/> is true when the fix lies in the claro's polygon, false
/// when it was assigned to the nearest claro centroid within range. <see cref="DistanceM"/> is always the
/// distance from the fix to that claro's centroid, so both cases can be judged on one scale.
/// </summary>
public sealed record LocationMatch(int StorageLocationId, bool Inside, double DistanceM);
