using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Support;
using static Demeter.Domain.Tests.StorageLocations.StorageLocationDeciderTests;

namespace Demeter.Domain.Tests.StorageLocations;

/// <summary>A photo count of a claro, from the claro's split to the batches' bookings (the deciders wired as the actors wire them).</summary>
public sealed class PhotoCountBookingTests
{
    private static long Total(LedgerSimulator sim) => sim.Batches.Values.Where(b => b.Identity?.Key.StorageLocationId == Claro).Sum(b => (long)b.Quantity);

    [Fact]
    public void A_manual_init_then_a_photo_of_it_then_deaths_before_the_count_lands_ends_at_the_photo_count_minus_the_deaths()
    {
        var sim = new LedgerSimulator(1);
        var init = ByKey(MovementType.ManualInit, 100) with { At = At };
        Assert.Null(sim.BookByKey(init));
        var batch = sim.Claro(Claro).Batches.Keys.Single();

        // The photo is taken (and uploaded) after the init; five die right after the upload; the count lands later.
        var captured = At.AddMinutes(10);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(sim.Move(new RecordMovement(batch, Guid.NewGuid(), MovementType.Muerte, 1, At.AddMinutes(11), MovementDetails.Manual())));
        }

        Assert.Equal(PhotoCountStatus.Booked, sim.PhotoCount(Claro, Guid.NewGuid(), captured, 98));

        Assert.Single(sim.Batches);
        Assert.Equal(93, Total(sim));
        var sale = sim.Movements.Single(m => m.Type == MovementType.Ventas);
        Assert.Equal((-2, captured, MovementSource.Reconciliation), (sale.SignedQuantity, sale.At, sale.Details.Source));
    }

    [Fact]
    public void A_photo_taken_before_the_manual_init_changes_nothing()
    {
        var sim = new LedgerSimulator(2);
        sim.BookByKey(ByKey(MovementType.ManualInit, 100) with { At = At });

        Assert.Equal(PhotoCountStatus.Superseded, sim.PhotoCount(Claro, Guid.NewGuid(), At.AddMinutes(-5), 250));

        Assert.Equal(100, Total(sim));
    }

    [Fact]
    public void A_photo_of_an_empty_claro_opens_one_batch_with_its_count_as_a_foto_baseline()
    {
        var sim = new LedgerSimulator(3);

        Assert.Equal(PhotoCountStatus.Booked, sim.PhotoCount(Claro, Guid.NewGuid(), At, 150));

        var batch = Assert.Single(sim.Batches.Values);
        Assert.Equal((150, (int?)null), (batch.Quantity, batch.Identity!.Key.ProductId));
        Assert.Equal(MovementType.Foto, Assert.Single(sim.Movements).Type);
    }

    [Fact]
    public void Several_active_batches_and_no_config_wait_for_a_config_then_the_count_lands_on_the_configured_product()
    {
        var sim = new LedgerSimulator(4);
        sim.BookByKey(ByKey(MovementType.ManualInit, 100, product: 1));
        sim.BookByKey(ByKey(MovementType.ManualInit, 40, product: 2));
        var session = Guid.NewGuid();

        Assert.Equal(PhotoCountStatus.NeedsConfig, sim.PhotoCount(Claro, session, At.AddHours(1), 120));
        Assert.Equal(140, Total(sim));

        sim.Configure(Config(1));

        Assert.Equal(PhotoCountStatus.Booked, sim.Claro(Claro).PhotoCounts[session].Status);
        var byProduct = sim.Batches.Values.ToDictionary(b => b.Identity!.Key.ProductId!.Value, b => b.Quantity);
        Assert.Equal(120, byProduct[1]);
        Assert.Equal(40, byProduct[2]);
    }

    [Fact]
    public void With_a_config_a_lower_count_is_taken_off_its_batches_in_proportion_and_the_parts_add_up_exactly()
    {
        var sim = new LedgerSimulator(5);
        sim.Configure(Config(42));
        sim.BookByKey(ByKey(MovementType.ManualInit, 300, state: 1) with { At = At });
        sim.BookByKey(ByKey(MovementType.ManualInit, 100, state: 2) with { At = At });

        sim.PhotoCount(Claro, Guid.NewGuid(), At.AddHours(1), 201);

        Assert.Equal(201, Total(sim));
        var quantities = sim.Batches.Values.OrderBy(b => b.Identity!.Key.ProductStateId).Select(b => b.Quantity).ToArray();
        Assert.Equal([151, 50], quantities);
    }

    [Fact]
    public void With_a_config_a_higher_count_goes_to_the_configured_lot()
    {
        var sim = new LedgerSimulator(6);
        sim.Configure(Config(42, state: 2));
        sim.BookByKey(ByKey(MovementType.ManualInit, 300, state: 1) with { At = At });
        sim.BookByKey(ByKey(MovementType.ManualInit, 100, state: 2) with { At = At });

        sim.PhotoCount(Claro, Guid.NewGuid(), At.AddHours(1), 430);

        var byState = sim.Batches.Values.ToDictionary(b => b.Identity!.Key.ProductStateId!.Value, b => b.Quantity);
        Assert.Equal((300, 130), (byState[1], byState[2]));
        Assert.True(sim.Movements.Single(m => m.Type == MovementType.Ajuste).Details.NeedsReview);
    }

    [Fact]
    public void An_older_photo_completing_after_a_newer_one_changes_nothing()
    {
        var sim = new LedgerSimulator(7);
        sim.BookByKey(ByKey(MovementType.ManualInit, 100) with { At = At });
        sim.PhotoCount(Claro, Guid.NewGuid(), At.AddHours(2), 90);

        Assert.Equal(PhotoCountStatus.Superseded, sim.PhotoCount(Claro, Guid.NewGuid(), At.AddHours(1), 10));

        Assert.Equal(90, Total(sim));
    }

    [Fact]
    public void A_count_split_survives_lost_replies_and_crashes_without_booking_twice()
    {
        var sim = new LedgerSimulator(8, dropRate: 0.3);
        sim.Configure(Config(42));
        sim.BookByKey(ByKey(MovementType.ManualInit, 500, state: 1) with { At = At });
        sim.BookByKey(ByKey(MovementType.ManualInit, 500, state: 2) with { At = At });
        var session = Guid.NewGuid();
        sim.SendToClaro(new BookPhotoCount(Claro, session, At.AddHours(1), 700, "u", At));
        sim.Crash();
        sim.Drain(Claro);
        sim.Crash();
        sim.Drain(Claro);

        Assert.Equal(PhotoCountStatus.Booked, sim.Claro(Claro).PhotoCounts[session].Status);
        Assert.Equal(700, Total(sim));
        Assert.Equal(2, sim.Movements.Count(m => m.Type == MovementType.Ventas));
    }
}
