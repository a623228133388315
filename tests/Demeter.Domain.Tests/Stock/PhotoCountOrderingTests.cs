using Demeter.Domain.Stock;

namespace Demeter.Domain.Tests.Stock;

/// <summary>Photo counts are ordered by when the photo came in, not by when its processing finished.</summary>
public sealed class PhotoCountOrderingTests
{
    private static readonly Guid Batch = Guid.NewGuid();
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = Monday.AddDays(1);

    private static StockBatchState Apply(StockBatchState state, IStockBatchCommand command)
    {
        var decision = StockBatchDecider.Decide(state, command);
        Assert.True(decision.Accepted, decision.Rejection?.Reason);
        return decision.Events.Aggregate(state, StockBatchDecider.Evolve);
    }

    private static RecordPhotoCount Count(int counted, DateTimeOffset at) => new(Batch, Guid.NewGuid(), Guid.NewGuid(), 1291, counted, at);

    [Fact]
    public void An_older_photo_finishing_after_a_newer_one_does_not_overwrite_its_count()
    {
        var afterTuesday = Apply(StockBatchState.Empty(Batch), Count(120, Tuesday));

        var late = Count(150, Monday);
        var decision = StockBatchDecider.Decide(afterTuesday, late);

        var superseded = Assert.IsType<PhotoCountSuperseded>(Assert.Single(decision.Events));
        Assert.Equal(150, superseded.Counted);
        var after = decision.Events.Aggregate(afterTuesday, StockBatchDecider.Evolve);
        Assert.Equal(120, after.Quantity);
        Assert.Contains(late.MovementId, after.AppliedMovements);
        Assert.Empty(StockBatchDecider.Decide(after, late).Events);
    }

    [Fact]
    public void A_newer_photo_sets_the_count_and_becomes_the_latest()
    {
        var afterMonday = Apply(StockBatchState.Empty(Batch), Count(150, Monday));

        var afterTuesday = Apply(afterMonday, Count(120, Tuesday));

        Assert.Equal(120, afterTuesday.Quantity);
        Assert.Equal(Tuesday, afterTuesday.LastPhotoAt);
    }

    [Fact]
    public void Manual_movements_do_not_change_which_photo_is_latest()
    {
        var state = Apply(StockBatchState.Empty(Batch), Count(100, Tuesday));
        state = Apply(state, new RecordMovement(Batch, Guid.NewGuid(), MovementType.Muerte, 5, Tuesday.AddHours(3)));

        Assert.Equal(Tuesday, state.LastPhotoAt);
        Assert.Equal(95, state.Quantity);
    }
}
