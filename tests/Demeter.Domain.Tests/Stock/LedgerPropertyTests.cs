using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Support;

namespace Demeter.Domain.Tests.Stock;

/// <summary>
/// Thousands of random movements, photo counts, transplants and config changes over a few claros, with lost
/// replies (every caller retries), duplicated commands, and crashes that rebuild every entity from its journal.
/// After every operation: no quantity is negative at any point of any batch's history, every batch holds the
/// sum of its movements, transplants neither make nor lose plants, no claro has two open lots for one key, and
/// repeating an accepted command persists nothing.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly int[] Claros = [1291, 1292, 1293];
    private static readonly int[] Products = [1, 2];

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(37)]
    public void Random_ledger_histories_keep_every_invariant(int seed)
    {
        var random = new Random(seed);
        var sim = new LedgerSimulator(seed, dropRate: 0.1);
        var accepted = new List<Action>();
        for (var op = 0; op < 1500; op++)
        {
            sim.Now = sim.Now.AddMinutes(random.Next(1, 30));
            var kind = random.Next(100);
            if (kind < 8 && accepted.Count > 0)
            {
                // A client or a saga repeats something it already did: nothing new may be persisted.
                var before = sim.Movements.Count();
                accepted[random.Next(accepted.Count)]();
                Assert.Equal(before, sim.Movements.Count());
            }
            else if (kind < 12)
            {
                sim.Crash();
            }
            else if (kind < 30)
            {
                var command = new BookMovementByKey(
                    Pick(random, Claros), sim.NewId(), random.Next(3) == 0 ? MovementType.ManualInit : MovementType.Plantar, random.Next(1, 200), sim.Now,
                    new BatchKeyRequest(Pick(random, Products), null, random.Next(2) + 1, null, null), MovementDetails.Manual(), sim.NewId(), sim.NewId());
                if (sim.BookByKey(command) is null)
                {
                    accepted.Add(() => sim.BookByKey(command));
                }
            }
            else if (kind < 60 && sim.Batches.Count > 0)
            {
                var batch = Pick(random, sim.Batches.Keys.OrderBy(k => k).ToArray());
                var type = Pick(random, new[] { MovementType.Muerte, MovementType.Ventas, MovementType.Plantar, MovementType.Ajuste });
                var quantity = type == MovementType.Ajuste ? random.Next(-50, 50) : random.Next(1, 80);
                var command = new RecordMovement(batch, sim.NewId(), type, quantity == 0 ? 1 : quantity, sim.Now, MovementDetails.Manual() with { Reason = "r" });
                if (sim.Move(command) is null)
                {
                    accepted.Add(() => Assert.Null(sim.Move(command)));
                }
            }
            else if (kind < 75)
            {
                // Photos are mostly recent; some arrive late, older than a count already booked.
                var captured = sim.Now.AddMinutes(-random.Next(0, random.Next(10) == 0 ? 600 : 20));
                var claro = Pick(random, Claros);
                var session = sim.NewId();
                var counted = random.Next(0, 400);
                sim.PhotoCount(claro, session, captured, counted);
                accepted.Add(() => sim.PhotoCount(claro, session, captured, counted));
            }
            else if (kind < 90 && sim.Batches.Count > 0)
            {
                var from = Pick(random, sim.Batches.Keys.OrderBy(k => k).ToArray());
                var start = new StartTransplant(
                    sim.NewId(),
                    new TransplantRequest(from, Pick(random, Claros), random.Next(1, 60), null, random.Next(3) == 0 ? 9 : null, null, null, null, null, "u", null),
                    sim.NewId(), sim.NewId(), sim.NewId(), sim.NewId(), sim.NewId(), sim.Now);
                var done = sim.Transplant(start, crashAfterSteps: random.Next(4) - 1);
                Assert.True(done.Finished);
                accepted.Add(() => Assert.True(sim.Transplant(start).Finished));
            }
            else
            {
                var claro = Pick(random, Claros);
                sim.Configure(new SetStorageLocationConfig(claro, sim.NewId(), sim.Claro(claro).ActiveConfig is null ? ConfigMode.Create : Pick(random, new[] { ConfigMode.Create, ConfigMode.Update }),
                    Pick(random, Products), null, null, null, null, "u", sim.Now));
            }

            AssertInvariants(sim);
        }

        Assert.True(sim.Movements.Count() > 500, "the run booked too little to mean anything");
        Assert.Contains(sim.Transplants.Values, t => t.Status == TransplantStatus.Completed);
        Assert.Contains(sim.Movements, m => m.Details.Source == MovementSource.Reconciliation);
    }

    private static void AssertInvariants(LedgerSimulator sim)
    {
        foreach (var (id, batch) in sim.Batches)
        {
            var movements = sim.Movements.Where(m => m.BatchId == id).ToList();
            Assert.Equal(movements.Sum(m => (long)m.SignedQuantity), batch.Quantity);
            Assert.True(batch.Quantity >= 0 && batch.EmptyContainers >= 0);

            // Every balance of the batch's history, in time order, is zero or more.
            long balance = 0;
            foreach (var m in movements.Select((m, index) => (m, index)).OrderBy(x => x.m.At).ThenBy(x => x.index))
            {
                balance += m.m.SignedQuantity;
                Assert.True(balance >= 0, $"batch {id} went to {balance} at {m.m.At:O}");
            }
        }

        // Transplants finished as both legs or neither: their movements net to zero.
        Assert.Equal(0, sim.Movements.Where(m => m.Type == MovementType.Transplante).Sum(m => (long)m.SignedQuantity));
        foreach (var claro in sim.Claros.Values)
        {
            var keys = claro.OpenBatches.Select(b => b.Identity.Key.Canonical).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            Assert.True(claro.ActiveConfig is null || claro.Configs.Count(c => c.Active) == 1);
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
