using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Photos.Calibration;

public interface IPlantSizeCalibrationCommand : IDemeterMessage
{
    string Key { get; }
}

/// <summary>A validated session's sample for the calibration of its product and packaging; a later validation of the same session replaces it.</summary>
[Manifest("photo.record-calibration-sample.v1")]
public sealed record RecordCalibrationSample(string Key, CalibrationSample Sample) : IPlantSizeCalibrationCommand;

[Manifest("photo.get-calibration.v1")]
public sealed record GetPlantSizeCalibration(string Key) : IPlantSizeCalibrationCommand;

public interface IPlantSizeCalibrationEvent : IDomainEvent
{
    string Key { get; }
}

/// <summary>A sample was taken in; <paramref name="Calibration"/> is the calibration it gave (its version is the event's).</summary>
[Manifest("photo.calibration-sample-recorded.v1")]
public sealed record CalibrationSampleRecorded(string Key, CalibrationSample Sample, PlantSizeCalibration Calibration) : IPlantSizeCalibrationEvent;

/// <summary>One product and packaging's calibration: its samples by session and the calibration they give (null before the first).</summary>
[Manifest("photo.plant-size-calibration-state.v1")]
public sealed record PlantSizeCalibrationState(string Key, IReadOnlyDictionary<Guid, CalibrationSample> Samples, PlantSizeCalibration? Current) : IDemeterMessage
{
    public static PlantSizeCalibrationState Empty(string key) => new(key, new Dictionary<Guid, CalibrationSample>(), null);
}

/// <summary>
/// The rules of a calibration: a sample is valid (counts non-negative, finite), a repeated sample changes nothing, a
/// new or changed one gives the next version computed from all samples.
/// </summary>
public static class PlantSizeCalibrationDecider
{
    public const string InvalidSample = "invalid-sample";

    public static Decision<IPlantSizeCalibrationEvent> Decide(PlantSizeCalibrationState state, IPlantSizeCalibrationCommand command, EstimationSettings defaults) => command switch
    {
        GetPlantSizeCalibration => Decision<IPlantSizeCalibrationEvent>.AlreadyDone(),
        RecordCalibrationSample r => Record(state, r, defaults),
        _ => Decision<IPlantSizeCalibrationEvent>.Reject(InvalidSample, $"Unknown command {command.GetType().Name}."),
    };

    public static PlantSizeCalibrationState Evolve(PlantSizeCalibrationState state, IPlantSizeCalibrationEvent @event) => @event switch
    {
        CalibrationSampleRecorded e => state with
        {
            Samples = new Dictionary<Guid, CalibrationSample>(state.Samples) { [e.Sample.SessionId] = e.Sample },
            Current = e.Calibration,
        },
        _ => state,
    };

    private static Decision<IPlantSizeCalibrationEvent> Record(PlantSizeCalibrationState state, RecordCalibrationSample r, EstimationSettings defaults)
    {
        var s = r.Sample;
        if (!CalibrationKey.IsValid(r.Key) || s.SessionId == Guid.Empty || s.ValidatedTotal < 0 || s.Detected < 0 || s.Estimated < 0
            || !double.IsFinite(s.HiddenPlantUnits) || s.HiddenPlantUnits < 0 || s.MeasuredPlantAreaPx is { } a && !(double.IsFinite(a) && a > 0))
        {
            return Decision<IPlantSizeCalibrationEvent>.Reject(InvalidSample, "A calibration sample needs a session, non-negative counts and finite areas.");
        }

        if (state.Samples.TryGetValue(s.SessionId, out var known) && known with { At = s.At } == s)
        {
            return Decision<IPlantSizeCalibrationEvent>.AlreadyDone();
        }

        var samples = new Dictionary<Guid, CalibrationSample>(state.Samples) { [s.SessionId] = s };
        var next = CalibrationMath.Compute(r.Key, (state.Current?.Version ?? 0) + 1, samples.Values.ToList(), defaults);
        return Decision<IPlantSizeCalibrationEvent>.Accept(new CalibrationSampleRecorded(r.Key, s, next));
    }
}
