using Demeter.Domain.Stock;
using static Demeter.Domain.Tests.Stock.StockBatchDeciderTests;

namespace Demeter.Domain.Tests.Stock;

/// <summary>A photo count is a count as of its capture time: the difference is booked then, later movements stay in force.</summary>
public sealed class CountAsOfCaptureTimeTests
{
    private static readonly DateTimeOffset Photo = At.AddHours(2);

    private static VerifyCount Count(int counted, DateTimeOffset at, Guid? session = null) =>
        new(Batch, session ?? Guid.NewGuid(), Guid.NewGuid(), at, counted, "anonymous");

    [Fact]
    public void A_death_booked_after_the_photo_but_before_its_count_arrives_stays_in_force()
    {
        // Manual init 100; photographed at +2 h showing 100; 5 deaths booked at +3 h; the count lands afterwards.
        var withDeaths = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Muerte, 5, Photo.AddHours(1))));

        var counted = Then(withDeaths, StockBatchDecider.Decide(withDeaths, Count(100, Photo)));

        Assert.Equal(95, counted.Quantity);
        Assert.Equal(Photo, counted.VerifiedAt);
    }

    [Fact]
    public void A_count_lower_than_the_ledger_books_inferred_sales_at_the_capture_time_and_later_movements_stay()
    {
        var state = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Plantar, 20, Photo.AddHours(1))));
        var session = Guid.NewGuid();

        var decision = StockBatchDecider.Decide(state, Count(90, Photo, session));

        var sale = Assert.IsType<MovementRecorded>(decision.Events[0]);
        Assert.Equal((MovementType.Ventas, -10, Photo), (sale.Type, sale.SignedQuantity, sale.At));
        Assert.Equal(MovementSource.Reconciliation, sale.Details.Source);
        Assert.Equal(session, sale.Details.SessionId);
        var counted = Assert.IsType<BatchCounted>(decision.Events[1]);
        Assert.Equal((100, -10, 0), (counted.LedgerBefore, counted.Booked, counted.Unbooked));
        Assert.Equal(110, Then(state, decision).Quantity);
    }

    [Fact]
    public void A_count_higher_than_the_ledger_books_an_ajuste_flagged_for_review()
    {
        var decision = StockBatchDecider.Decide(Initialised(100), Count(130, Photo));

        var adjustment = Assert.IsType<MovementRecorded>(decision.Events[0]);
        Assert.Equal((MovementType.Ajuste, 30), (adjustment.Type, adjustment.SignedQuantity));
        Assert.True(adjustment.Details.NeedsReview);
        Assert.Equal(StockBatchDecider.PhotoHigherReason, adjustment.Details.Reason);
    }

    [Fact]
    public void The_first_count_of_a_new_batch_is_its_foto_baseline()
    {
        var decision = StockBatchDecider.Decide(Given(), Count(150, Photo) with { Open = Identity });

        Assert.IsType<BatchOpened>(decision.Events[0]);
        var baseline = Assert.IsType<MovementRecorded>(decision.Events[1]);
        Assert.Equal((MovementType.Foto, 150, MovementSource.Ia), (baseline.Type, baseline.SignedQuantity, baseline.Details.Source));
        Assert.Equal(150, Then(Given(), decision).QuantityInitial);
    }

    [Fact]
    public void A_matching_count_verifies_without_a_movement()
    {
        var decision = StockBatchDecider.Decide(Initialised(100), Count(100, Photo));

        Assert.IsType<BatchCounted>(Assert.Single(decision.Events));
    }

    [Fact]
    public void An_older_count_arriving_after_a_newer_one_changes_nothing()
    {
        var newer = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Count(80, Photo)));

        var decision = StockBatchDecider.Decide(newer, Count(10, Photo.AddMinutes(-30)));

        Assert.IsType<BatchCountSuperseded>(Assert.Single(decision.Events));
        Assert.Equal(80, Then(newer, decision).Quantity);
    }

    [Fact]
    public void A_retried_count_is_applied_once()
    {
        var session = Guid.NewGuid();
        var once = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Count(90, Photo, session)));

        var retry = StockBatchDecider.Decide(once, Count(90, Photo, session));

        Assert.True(retry.Accepted);
        Assert.Empty(retry.Events);
    }

    [Fact]
    public void A_count_lower_than_later_outbound_movements_allow_books_what_it_can_and_reports_the_rest()
    {
        // Ledger 100 at the photo; 80 died after it; the photo said 50: only 20 can still be taken off.
        var state = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Muerte, 80, Photo.AddHours(1))));

        var decision = StockBatchDecider.Decide(state, Count(50, Photo));

        var counted = Assert.IsType<BatchCounted>(decision.Events[^1]);
        Assert.Equal((-20, 30), (counted.Booked, counted.Unbooked));
        var after = Then(state, decision);
        Assert.Equal(0, after.Quantity);
        Assert.True(after.Quantity >= 0);
    }

    [Fact]
    public void The_ledger_at_a_time_counts_every_movement_up_to_it()
    {
        var state = Initialised(100);
        foreach (var (type, quantity, hours) in new[] { (MovementType.Plantar, 10, 1), (MovementType.Muerte, 4, 2), (MovementType.Plantar, 7, 3) })
        {
            state = Then(state, StockBatchDecider.Decide(state, Move(type, quantity, At.AddHours(hours))));
        }

        Assert.Equal(100, state.BalanceAt(At.AddMinutes(30)));
        Assert.Equal(110, state.BalanceAt(At.AddHours(1)));
        Assert.Equal(106, state.BalanceAt(At.AddHours(2.5)));
        Assert.Equal(113, state.BalanceAt(At.AddHours(10)));
        Assert.Equal(106, state.MinBalanceFrom(At.AddHours(2)));
    }
}

/// <summary>A batch never counted keeps only its recent changes: older ones fold into the frozen past.</summary>
public sealed class LedgerFoldTests
{
    [Fact]
    public void A_long_history_keeps_a_bounded_timeline_and_still_answers_recent_counts_exactly()
    {
        var state = Initialised(100);
        for (var i = 1; i <= LedgerTimeline.MaxEntries + 500; i++)
        {
            state = Then(state, StockBatchDecider.Decide(state, Move(i % 2 == 0 ? MovementType.Muerte : MovementType.Plantar, 1, At.AddMinutes(i))));
        }

        Assert.Equal(LedgerTimeline.MaxEntries, state.SinceVerified.Count);
        Assert.Equal(At.AddMinutes(500), state.FoldedUntil);
        Assert.Equal(state.Quantity, state.SinceVerified.Sum(e => (long)e.Delta) + state.BalanceAt(At.AddMinutes(500)));

        // A count of the recent past is booked exactly; one older than the fold changes nothing.
        var recent = StockBatchDecider.Decide(state, new VerifyCount(Batch, Guid.NewGuid(), Guid.NewGuid(), At.AddMinutes(2400), 90, "u"));
        Assert.Equal(100, Assert.IsType<BatchCounted>(recent.Events[^1]).LedgerBefore);
        var old = StockBatchDecider.Decide(state, new VerifyCount(Batch, Guid.NewGuid(), Guid.NewGuid(), At.AddMinutes(100), 90, "u"));
        Assert.IsType<BatchCountSuperseded>(Assert.Single(old.Events));
    }
}
