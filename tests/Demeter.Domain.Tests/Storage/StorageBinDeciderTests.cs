using Demeter.Domain.Messaging;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Tests.Storage;

public sealed class StorageBinDeciderTests
{
    private const int Claro = 15;

    private static readonly Guid Bin = Guid.Parse("6a1e2b3c-4d5e-4f60-8172-839405a6b7c8");
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = At.AddDays(10);

    private static readonly BinRegistered Registered = new(Bin, Claro, StorageBinCategory.Plug, "PLUG-001", At);
    private static readonly BinRetired Retired = new(Bin, Later);

    private static StorageBinState Given(params IStorageBinEvent[] events) =>
        events.Aggregate(StorageBinState.Empty(Bin), StorageBinDecider.Evolve);

    private static Decision<IStorageBinEvent> When(StorageBinState state, IStorageBinCommand command) =>
        StorageBinDecider.Decide(state, command);

    private static RegisterBin Register(int claro = Claro, StorageBinCategory category = StorageBinCategory.Plug, string label = "PLUG-001") =>
        new(Bin, claro, category, label, At);

    private static void AssertRejected(Decision<IStorageBinEvent> decision, string code)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
    }

    private static void AssertAlreadyDone(Decision<IStorageBinEvent> decision)
    {
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Registering_a_new_bin_records_it_as_active_in_its_claro()
    {
        var decision = When(Given(), Register());

        IStorageBinEvent[] expected = [Registered];
        Assert.Equal(expected, decision.Events);
        var state = decision.Events.Aggregate(Given(), StorageBinDecider.Evolve);
        Assert.Equal(new StorageBinState(Bin, true, Claro, StorageBinCategory.Plug, "PLUG-001", true), state);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Registering_a_bin_without_a_storage_location_is_rejected(int claro)
    {
        AssertRejected(When(Given(), Register(claro)), "invalid-input");
    }

    [Fact]
    public void Registering_the_same_bin_again_in_the_same_claro_and_category_is_already_done()
    {
        AssertAlreadyDone(When(Given(Registered), Register()));
        AssertAlreadyDone(When(Given(Registered), Register(label: "renamed")));
    }

    [Theory]
    [InlineData(Claro + 1, StorageBinCategory.Plug)]
    [InlineData(Claro, StorageBinCategory.Box)]
    [InlineData(Claro + 1, StorageBinCategory.Pot)]
    public void Registering_an_existing_bin_in_another_claro_or_category_is_rejected(int claro, StorageBinCategory category)
    {
        AssertRejected(When(Given(Registered), Register(claro, category)), "bin-already-exists");
    }

    [Fact]
    public void Retiring_an_active_bin_retires_it_without_deleting_it()
    {
        var given = Given(Registered);

        var decision = When(given, new RetireBin(Bin, Later));

        IStorageBinEvent[] expected = [Retired];
        Assert.Equal(expected, decision.Events);
        var state = StorageBinDecider.Evolve(given, Retired);
        Assert.True(state.Exists);
        Assert.False(state.Active);
        Assert.Equal(Claro, state.StorageLocationId);
        Assert.Equal(StorageBinCategory.Plug, state.Category);
    }

    [Fact]
    public void Retiring_a_retired_bin_is_already_done()
    {
        AssertAlreadyDone(When(Given(Registered, Retired), new RetireBin(Bin, Later.AddDays(1))));
    }

    [Fact]
    public void Retiring_an_unknown_bin_is_rejected()
    {
        AssertRejected(When(Given(), new RetireBin(Bin, Later)), "bin-not-found");
    }

    [Fact]
    public void Re_registering_a_retired_bin_does_not_bring_it_back()
    {
        var given = Given(Registered, Retired);

        AssertAlreadyDone(When(given, Register()));
        AssertRejected(When(given, Register(Claro + 1)), "bin-already-exists");
        Assert.False(given.Active);
    }

    [Fact]
    public void Reading_a_bin_persists_nothing()
    {
        AssertAlreadyDone(When(Given(), new GetBin(Bin)));
        AssertAlreadyDone(When(Given(Registered), new GetBin(Bin)));
    }
}
