using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Cluster.Calibration;

/// <summary>The calibration of one product and packaging: persists what <see cref="PlantSizeCalibrationDecider"/> decides and answers with the state.</summary>
public sealed class PlantSizeCalibrationActor : DeciderEntity<PlantSizeCalibrationState, IPlantSizeCalibrationCommand, IPlantSizeCalibrationEvent>
{
    private readonly EstimationSettings _defaults;

    public PlantSizeCalibrationActor(string key, EstimationSettings defaults, int snapshotEvery)
        : base(PersistenceIdFor(key), PlantSizeCalibrationState.Empty(key), snapshotEvery)
    {
        _defaults = defaults;
        Command<IPlantSizeCalibrationCommand>(c => Handle(c, Sender));
    }

    public static string PersistenceIdFor(string key) => $"plant-size-calibration-{key}";

    public static Props Props(string key, EstimationSettings defaults, int snapshotEvery) =>
        Akka.Actor.Props.Create(() => new PlantSizeCalibrationActor(key, defaults, snapshotEvery));

    protected override Decision<IPlantSizeCalibrationEvent> Decide(PlantSizeCalibrationState state, IPlantSizeCalibrationCommand command) =>
        PlantSizeCalibrationDecider.Decide(state, command, _defaults);

    protected override PlantSizeCalibrationState Evolve(PlantSizeCalibrationState state, IPlantSizeCalibrationEvent @event) =>
        PlantSizeCalibrationDecider.Evolve(state, @event);

    protected override int SnapshotEntries(PlantSizeCalibrationState state) => state.Samples.Count;

    protected override object Reply(IPlantSizeCalibrationCommand command, Decision<IPlantSizeCalibrationEvent> decision, PlantSizeCalibrationState state) =>
        new PlantSizeCalibrationReply(decision.Accepted, decision.Rejection?.Code, decision.Rejection?.Reason, state.Key, state.Current, state.Samples.Count);
}

/// <summary>A calibration's answer: the outcome, and the current calibration (null before its first sample).</summary>
[Manifest("photo.calibration-reply.v1")]
public sealed record PlantSizeCalibrationReply(
    bool Accepted, string? RejectionCode, string? RejectionReason, string Key, PlantSizeCalibration? Calibration, int Samples) : IDemeterMessage;
