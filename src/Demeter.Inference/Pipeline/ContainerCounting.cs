using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Estimation;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>Settings of the per-container counting stages.</summary>
public sealed record ContainerCountingSettings
{
    public DetectionFilterSettings Filters { get; init; } = new();

    public EstimationSettings Estimation { get; init; } = new();

    /// <summary>Estimate the plants the detector missed; off gives detected-only counts.</summary>
    public bool Estimate { get; init; } = true;
}

/// <summary>The counted photo: per container, the detections kept, their estimates and the photo's totals and warnings.</summary>
/// <remarks><c>PerContainer</c> holds the same detections as <c>Detections</c>, grouped by the container they were counted in.</remarks>
public sealed record CountedContainers(
    IReadOnlyList<ContainerCount> Containers,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<ContainerDetections> PerContainer,
    IReadOnlyList<ContainerEstimate> Estimates,
    string Confidence,
    IReadOnlyList<string> Warnings)
{
    public int Detected => Containers.Sum(c => c.Detected);

    public int Estimated => Containers.Sum(c => c.Estimated);
}

/// <summary>
/// From the detector's raw output per container region to the photo's count: assemble each container's plants
/// (merge, filters, mask centre, cross-container dedupe), estimate the missed ones per band, and say how far the
/// count can be trusted. The same code runs in the CLI and on the cluster.
/// </summary>
public static class ContainerCounting
{
    public static CountedContainers Count(
        SKBitmap photo,
        IReadOnlyList<Container> containers,
        IReadOnlyDictionary<int, IReadOnlyList<RegionDetections>> regions,
        ContainerCountingSettings? settings = null,
        PlantSizeCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var s = settings ?? new ContainerCountingSettings();
        var assembled = ContainerAssembly.Assemble(containers, regions, photo.Width, photo.Height, s.Filters);
        var counts = new List<ContainerCount>(containers.Count);
        var estimates = new List<ContainerEstimate>(containers.Count);
        var warnings = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (container, plants) in containers.Zip(assembled))
        {
            var estimate = s.Estimate ? BandEstimator.Estimate(photo, container, plants.Detections, s.Estimation, calibration) : null;
            var bands = estimate?.Bands ?? [];
            if (estimate is not null)
            {
                estimates.Add(estimate);
            }

            if (bands.Any(b => b.PlantAreaSource == PlantAreaSources.Default && b.ProcessedAreaPx > 0))
            {
                warnings.Add(PhotoCountWarnings.NeedsCalibration);
            }

            if (!ContainerTypes.FromRawName(container.Type).Known)
            {
                warnings.Add(PhotoCountWarnings.UnknownContainerClass);
            }

            var estimated = bands.Sum(b => b.Estimated);
            var level = ConfidenceLevels.FromBands(BandDetections(container, plants.Detections, bands, s.Estimation), s.Estimation.MinCalibrationDetections);
            counts.Add(new ContainerCount(
                container.Index, container.Type, container.Category, container.Box, container.Confidence, plants.Detections.Count, estimated, level,
                ContainerCount.IsEmpty(container.Box, plants.Detections, estimated), bands));
        }

        if (containers.Count == 0)
        {
            warnings.Add(PhotoCountWarnings.NoContainersFound);
        }

        if (counts.Sum(c => c.Total) == 0)
        {
            warnings.Add(PhotoCountWarnings.NoDetectionsFound);
        }

        var allBands = counts.SelectMany(c => c.Bands.Count > 0 ? c.Bands.Select(b => b.Detections) : [c.Detected]).ToList();
        return new CountedContainers(
            counts,
            assembled.SelectMany(a => a.Detections).ToList(),
            assembled,
            estimates,
            ConfidenceLevels.FromBands(allBands, s.Estimation.MinCalibrationDetections),
            [.. warnings]);
    }

    private static IReadOnlyList<int> BandDetections(Container container, IReadOnlyList<Detection> detections, IReadOnlyList<BandEstimate> bands, EstimationSettings s)
    {
        if (bands.Count > 0)
        {
            return bands.Select(b => b.Detections).ToList();
        }

        var crop = container.Box;
        return BandFormulas.Rows(crop.Height, s.Bands)
            .Select(r => detections.Count(d => d.Center.Y >= crop.Y + r.Start && d.Center.Y < crop.Y + r.End))
            .ToList();
    }
}
