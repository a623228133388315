using Demeter.Domain.Stock;

namespace Demeter.Domain.Tests.Stock;

/// <summary>Property-style checks: random command sequences against a tiny model of the rules.</summary>
public sealed class StockBatchInvariantTests
{
    private const int Claro = 7;
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));

    private static readonly MovementType[] AllTypes = Enum.GetValues<MovementType>();

    [Fact]
    public void Random_movement_sequences_never_drive_quantity_below_zero_and_replaying_them_gives_the_same_batch()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            RunSequence(seed);
        }
    }

    private static void RunSequence(int seed)
    {
        var random = new Random(seed);
        var batchId = new Guid(seed, 0, 0, new byte[8]);
        var state = StockBatchState.Empty(batchId);
        var journal = new List<IStockBatchEvent>();
        var usedIds = new List<Guid>();

        // The model: what the ledger must hold after each accepted command.
        var modelQuantity = 0;
        var modelEmpty = 0;
        var modelExists = false;

        var steps = random.Next(1, 60);
        for (var step = 0; step < steps; step++)
        {
            var reuse = usedIds.Count > 0 && random.NextDouble() < 0.1;
            var movementId = reuse ? usedIds[random.Next(usedIds.Count)] : NewId(random);
            var at = At.AddMinutes(step);
            IStockBatchCommand command = random.Next(10) switch
            {
                0 => new CreateBatch(batchId, 1, Claro, random.Next(-3, 200), movementId, at),
                1 => new RecordPhotoCount(batchId, movementId, NewId(random), Claro, random.Next(-2, 300), at),
                _ => RandomMovement(random, batchId, movementId, at),
            };

            var decision = StockBatchDecider.Decide(state, command);
            var context = $"seed {seed}, step {step}: {command}";

            var expectedAccepted = ExpectAccepted(command, state, modelExists, modelQuantity, out var expectedDelta, out var expectedEmptyDelta);
            Assert.True(expectedAccepted == decision.Accepted, $"{context} -> {decision.Rejection}");
            if (!decision.Accepted)
            {
                Assert.Empty(decision.Events);
                continue;
            }

            if (state.AppliedMovements.Contains(movementId))
            {
                Assert.Empty(decision.Events);
            }
            else
            {
                Assert.NotEmpty(decision.Events);
                usedIds.Add(movementId);
                modelExists = true;
                modelQuantity += expectedDelta;
                modelEmpty += expectedEmptyDelta;
            }

            foreach (var e in decision.Events)
            {
                state = StockBatchDecider.Evolve(state, e);
                journal.Add(e);
            }

            Assert.True(state.Quantity >= 0, context);
            Assert.True(state.EmptyContainers >= 0, context);
            Assert.Equal(modelQuantity, state.Quantity);
            Assert.Equal(modelEmpty, state.EmptyContainers);
        }

        AssertJournalIsConsistent(batchId, journal, state);
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static RecordMovement RandomMovement(Random random, Guid batchId, Guid movementId, DateTimeOffset at)
    {
        var type = AllTypes[random.Next(AllTypes.Length)];
        var quantity = type == MovementType.Ajuste ? random.Next(-60, 61) : random.Next(-2, 60);
        return new RecordMovement(batchId, movementId, type, quantity, at);
    }

    /// <summary>The rules of DOMAIN.md §1.5/§1.9, independently of the decider.</summary>
    private static bool ExpectAccepted(
        IStockBatchCommand command, StockBatchState state, bool exists, int quantity, out int delta, out int emptyDelta)
    {
        delta = 0;
        emptyDelta = 0;
        switch (command)
        {
            case CreateBatch c:
                if (state.AppliedMovements.Contains(c.MovementId))
                {
                    return true;
                }

                delta = c.Quantity;
                return !exists && c.Quantity > 0;

            case RecordPhotoCount p:
                if (state.AppliedMovements.Contains(p.MovementId))
                {
                    return true;
                }

                delta = p.CountedQuantity - quantity;
                return p.CountedQuantity >= 0;

            case RecordMovement m:
                if (state.AppliedMovements.Contains(m.MovementId))
                {
                    return true;
                }

                if (!exists)
                {
                    return false;
                }

                delta = m.Type switch
                {
                    MovementType.Plantar or MovementType.Sembrar when m.Quantity > 0 => m.Quantity,
                    MovementType.Muerte or MovementType.Ventas when m.Quantity > 0 => -m.Quantity,
                    MovementType.Ajuste => m.Quantity,
                    _ => 0,
                };
                emptyDelta = m.Type == MovementType.Muerte ? -delta : 0;
                return delta != 0 && quantity + delta >= 0;

            default:
                return false;
        }
    }

    private static void AssertJournalIsConsistent(Guid batchId, List<IStockBatchEvent> journal, StockBatchState live)
    {
        var replayed = journal.Aggregate(StockBatchState.Empty(batchId), StockBatchDecider.Evolve);
        Assert.Equal(StockBatchView.From(live), StockBatchView.From(replayed));
        Assert.True(live.AppliedMovements.SetEquals(replayed.AppliedMovements));

        var movements = journal.OfType<MovementRecorded>().ToList();
        Assert.Equal(movements.Sum(m => m.SignedQuantity), replayed.Quantity);
        Assert.True(replayed.Quantity >= 0);

        var quantity = 0;
        var empty = 0;
        foreach (var m in movements)
        {
            Assert.NotEqual(0, m.SignedQuantity);
            Assert.Equal(quantity + m.SignedQuantity, m.QuantityAfter);
            Assert.True(m.QuantityAfter >= 0);
            var expectedEmpty = empty + (m.Type == MovementType.Muerte ? -m.SignedQuantity : 0);
            Assert.Equal(expectedEmpty, m.EmptyContainersAfter);
            if (m.Type is MovementType.Plantar or MovementType.Sembrar or MovementType.ManualInit)
            {
                Assert.True(m.SignedQuantity > 0);
            }

            if (m.Type is MovementType.Muerte or MovementType.Ventas)
            {
                Assert.True(m.SignedQuantity < 0);
            }

            Assert.NotEqual(MovementType.Transplante, m.Type);
            quantity = m.QuantityAfter;
            empty = m.EmptyContainersAfter;
        }

        var ids = journal.Select(e => e switch
        {
            MovementRecorded m => (Guid?)m.MovementId,
            PhotoCountConfirmed c => c.MovementId,
            _ => null,
        }).OfType<Guid>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(journal.OfType<BatchCreated>().Count() <= 1);
    }
}
