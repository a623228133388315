using Demeter.Domain.Messaging;

namespace Demeter.Domain.Tests.Common;

public sealed class DecisionTests
{
    [Fact]
    public void An_accepted_decision_carries_its_events_and_no_rejection()
    {
        var decision = Decision<string>.Accept("a", "b");

        Assert.True(decision.Accepted);
        Assert.Null(decision.Rejection);
        Assert.Equal(["a", "b"], decision.Events);
    }

    [Fact]
    public void Already_done_is_accepted_with_nothing_to_persist()
    {
        var decision = Decision<string>.AlreadyDone();

        Assert.True(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_rejection_carries_its_code_and_reason_and_no_events()
    {
        var decision = Decision<string>.Reject("insufficient-stock", "holds 3");

        Assert.False(decision.Accepted);
        Assert.Equal(new Rejection("insufficient-stock", "holds 3"), decision.Rejection);
        Assert.Empty(decision.Events);
    }
}
