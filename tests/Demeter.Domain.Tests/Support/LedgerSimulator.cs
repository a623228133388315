using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Tests.Support;

/// <summary>
/// The ledger's deciders wired together in memory the way the actors wire them: claros route by key and split
/// photo counts, batches book, transplants run their steps. Every entity keeps its event list (its journal);
/// a crash rebuilds its state from it. <see cref="Drop"/> loses replies at random, so callers must retry — as the
/// actors do — and every retry must be idempotent. Used by the property tests; no Akka, no clock, no I/O.
/// </summary>
public sealed class LedgerSimulator(int seed, double dropRate = 0)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<int, List<IStorageLocationEvent>> _claroJournal = [];
    private readonly Dictionary<Guid, List<IStockBatchEvent>> _batchJournal = [];
    private readonly Dictionary<Guid, List<ITransplantEvent>> _transplantJournal = [];
    private readonly Dictionary<int, StorageLocationState> _claros = [];
    private readonly Dictionary<Guid, StockBatchState> _batches = [];
    private readonly Dictionary<Guid, TransplantState> _transplants = [];

    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public IReadOnlyDictionary<Guid, StockBatchState> Batches => _batches;

    public IReadOnlyDictionary<int, StorageLocationState> Claros => _claros;

    public IReadOnlyDictionary<Guid, TransplantState> Transplants => _transplants;

    public IEnumerable<MovementRecorded> Movements => _batchJournal.Values.SelectMany(j => j).OfType<MovementRecorded>();

    /// <summary>Whether a message (or its reply) is lost this time.</summary>
    private bool Drop() => dropRate > 0 && _random.NextDouble() < dropRate;

    public StorageLocationState Claro(int id) => _claros.TryGetValue(id, out var s) ? s : StorageLocationState.Empty(id);

    public StockBatchState Batch(Guid id) => _batches.TryGetValue(id, out var s) ? s : StockBatchState.Empty(id);

    // ---- entities: decide, append to the journal, evolve ----

    public Decision<IStockBatchEvent> SendToBatch(IStockBatchCommand command)
    {
        var decision = StockBatchDecider.Decide(Batch(command.BatchId), command);
        if (decision.Accepted && decision.Events.Count > 0)
        {
            var journal = _batchJournal.TryGetValue(command.BatchId, out var j) ? j : _batchJournal[command.BatchId] = [];
            journal.AddRange(decision.Events);
            _batches[command.BatchId] = decision.Events.Aggregate(Batch(command.BatchId), StockBatchDecider.Evolve);
        }

        return decision;
    }

    public Decision<IStorageLocationEvent> SendToClaro(IStorageLocationCommand command)
    {
        var decision = StorageLocationDecider.Decide(Claro(command.StorageLocationId), command);
        if (decision.Accepted && decision.Events.Count > 0)
        {
            var journal = _claroJournal.TryGetValue(command.StorageLocationId, out var j) ? j : _claroJournal[command.StorageLocationId] = [];
            journal.AddRange(decision.Events);
            _claros[command.StorageLocationId] = decision.Events.Aggregate(Claro(command.StorageLocationId), StorageLocationDecider.Evolve);
        }

        return decision;
    }

    private Decision<ITransplantEvent> SendToTransplant(ITransplantCommand command)
    {
        var state = _transplants.TryGetValue(command.TransplantId, out var s) ? s : TransplantState.Empty(command.TransplantId);
        var decision = TransplantDecider.Decide(state, command);
        if (decision.Accepted && decision.Events.Count > 0)
        {
            var journal = _transplantJournal.TryGetValue(command.TransplantId, out var j) ? j : _transplantJournal[command.TransplantId] = [];
            journal.AddRange(decision.Events);
            _transplants[command.TransplantId] = decision.Events.Aggregate(state, TransplantDecider.Evolve);
        }

        return decision;
    }

    /// <summary>Every entity loses its memory and recovers from its journal.</summary>
    public void Crash()
    {
        foreach (var (id, journal) in _claroJournal)
        {
            _claros[id] = journal.Aggregate(StorageLocationState.Empty(id), StorageLocationDecider.Evolve);
        }

        foreach (var (id, journal) in _batchJournal)
        {
            _batches[id] = journal.Aggregate(StockBatchState.Empty(id), StockBatchDecider.Evolve);
        }

        foreach (var (id, journal) in _transplantJournal)
        {
            _transplants[id] = journal.Aggregate(TransplantState.Empty(id), TransplantDecider.Evolve);
        }
    }

    // ---- what the actors do ----

    /// <summary>A movement by key, retried by its caller until an answer gets through: the claro resolves, the batch books, the claro records the id.</summary>
    public Rejection? BookByKey(BookMovementByKey command)
    {
        while (true)
        {
            var decision = SendToClaro(command);
            if (decision.Rejection is { } r)
            {
                return r;
            }

            var routed = StorageLocationDecider.RouteByKey(Claro(command.StorageLocationId), command)!;
            var booked = SendToBatch(routed);
            if (Drop())
            {
                continue;
            }

            if (booked.Rejection is { Code: StockRejections.BatchIsArchived })
            {
                SendToClaro(new RecordBatchArchived(command.StorageLocationId, routed.BatchId, Now));
                continue;
            }

            if (booked.Rejection is { } refused)
            {
                return refused;
            }

            SendToClaro(new RecordMovementRouted(command.StorageLocationId, command.MovementId, StorageLocationDecider.FingerprintOf(command), routed.BatchId, command.Type, command.At));
            return Drop() ? BookByKey(command) : null;
        }
    }

    /// <summary>A movement by batch id, retried until an answer gets through.</summary>
    public Rejection? Move(RecordMovement command)
    {
        while (true)
        {
            var decision = SendToBatch(command);
            if (!Drop())
            {
                return decision.Rejection;
            }
        }
    }

    /// <summary>A photo session hands its count to the claro, then the claro's steps run until it owes nothing.</summary>
    public PhotoCountStatus PhotoCount(int claro, Guid session, DateTimeOffset capturedAt, int counted, IReadOnlyList<CategoryCount>? categories = null)
    {
        do
        {
            SendToClaro(new BookPhotoCount(claro, session, capturedAt, counted, "sim", Now, categories));
        }
        while (Drop());

        Drain(claro);
        return Claro(claro).PhotoCounts[session].Status;
    }

    public Decision<IStorageLocationEvent> Configure(SetStorageLocationConfig command)
    {
        var decision = SendToClaro(command);
        Drain(command.StorageLocationId);
        return decision;
    }

    /// <summary>Runs the claro's next steps (losing some replies, which the retries make up for) until none is left.</summary>
    public void Drain(int claro)
    {
        for (var round = 0; round < 10_000; round++)
        {
            var steps = StorageLocationDecider.Next(Claro(claro));
            if (steps.Count == 0)
            {
                return;
            }

            foreach (var step in steps)
            {
                switch (step)
                {
                    case QueryCountBalances q:
                        var balances = q.BatchIds.Select(id => BatchLedgerAt.From(Batch(id), q.CapturedAt)).ToList();
                        if (!Drop())
                        {
                            var categories = Claro(claro).PhotoCounts[q.SessionId].NewLotsAtMost;
                            var ids = Enumerable.Range(0, balances.Count + categories).Select(_ => NewId()).ToList();
                            var batches = Enumerable.Range(0, categories).Select(_ => NewId()).ToList();
                            var bins = Enumerable.Range(0, categories).Select(_ => NewId()).ToList();
                            SendToClaro(new ApplyCountBalances(claro, q.SessionId, balances, ids, NewId(), NewId(), Now, batches, bins));
                        }

                        break;
                    case SendVerifyCount v:
                        var verified = SendToBatch(v.Command);
                        if (!Drop() && verified.Accepted)
                        {
                            SendToClaro(new RecordCountBooked(claro, v.SessionId, v.Command.BatchId, Batch(v.Command.BatchId).Counts[v.SessionId], Now));
                        }

                        break;
                    case NotifyPhotoSession n:
                        if (!Drop())
                        {
                            SendToClaro(new RecordSessionNotified(claro, n.SessionId, n.Booking.Status, Now));
                        }

                        break;
                }
            }
        }

        throw new InvalidOperationException($"Claro {claro} did not settle.");
    }

    /// <summary>Starts a transplant and runs its steps until it is finished; <paramref name="crashAfterSteps"/> crashes everything mid-way.</summary>
    public TransplantState Transplant(StartTransplant start, int crashAfterSteps = -1)
    {
        var decision = SendToTransplant(start);
        if (!decision.Accepted)
        {
            return _transplants.GetValueOrDefault(start.TransplantId) ?? TransplantState.Empty(start.TransplantId);
        }

        var steps = 0;
        while (TransplantDecider.Next(_transplants[start.TransplantId]) is { } step)
        {
            if (steps++ == crashAfterSteps)
            {
                Crash();
            }

            var id = start.TransplantId;
            ITransplantCommand? next = step switch
            {
                DebitSource d => Debit(id, d.Command),
                CreditTarget c => Credit(id, c.Command),
                ReturnToSource g => SendToBatch(g.Command) is { Accepted: true } && !Drop() ? new RecordTransplantCompensated(id, Now) : null,
                _ => null,
            };
            if (next is not null)
            {
                SendToTransplant(next);
            }
        }

        return _transplants[start.TransplantId];
    }

    private ITransplantCommand? Debit(Guid id, RecordMovement command)
    {
        var decision = SendToBatch(command);
        if (Drop())
        {
            return null;
        }

        return decision.Rejection is { } refused
            ? new RecordSourceRefused(id, refused.Code, refused.Reason, refused.Available, Now)
            : new RecordSourceDebited(id, Batch(command.BatchId).Identity!.Key, Now);
    }

    private ITransplantCommand? Credit(Guid id, BookMovementByKey command)
    {
        var rejection = BookByKey(command);
        if (rejection is not null)
        {
            return new RecordTargetRefused(id, rejection.Code, rejection.Reason, Now);
        }

        var batch = Claro(command.StorageLocationId).Routed[command.MovementId].BatchId;
        return new RecordTargetCredited(id, batch, Now);
    }

    public Guid NewId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes);
    }
}
