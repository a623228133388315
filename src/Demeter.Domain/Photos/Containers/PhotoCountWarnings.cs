namespace Demeter.Domain.Photos.Containers;

/// <summary>Warnings a completed count may carry: the count stands, but someone should look.</summary>
public static class PhotoCountWarnings
{
    /// <summary>Some plants were estimated with the default plant size: no calibration exists for this product and packaging.</summary>
    public const string NeedsCalibration = "needs_calibration";

    /// <summary>Nothing detected or estimated: an empty field, a poor photo, a threshold too high or the wrong model.</summary>
    public const string NoDetectionsFound = "no_detections_found";

    /// <summary>The segmenter found no container: the photo counts 0 plants.</summary>
    public const string NoContainersFound = "no_containers_found";

    /// <summary>The segmenter named a class the nursery never used; it was booked as a segment.</summary>
    public const string UnknownContainerClass = "unknown_container_class";
}
