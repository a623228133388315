using Demeter.Domain.Common;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using static Demeter.Domain.Tests.StorageLocations.StorageLocationDeciderTests;

namespace Demeter.Domain.Tests.Common;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("nul\u0000")]
    [InlineData("esc\u001b[31m")]
    [InlineData("\u202Eevil")] // right-to-left override
    [InlineData("zero\u200Bwidth")] // zero-width space (a format character)
    [InlineData("two\nlines")]
    [InlineData("line\u2028separator")]
    public void Names_with_controls_or_invisible_formatting_are_not_text(string name) => Assert.True(TextRules.HasHiddenCharacters(name));

    [Theory]
    [InlineData("Claro 1")]
    [InlineData("Almácigo de Echeveria ñandú")]
    [InlineData("多肉植物")]
    public void Names_of_any_script_are_text(string name) => Assert.False(TextRules.HasHiddenCharacters(name));

    [Fact]
    public void A_product_name_with_a_right_to_left_override_is_refused_by_the_claro()
    {
        var command = ByKey(MovementType.ManualInit, 10) with { Key = new BatchKeyRequest(null, "Echeveria \u202Eanigav", null, null, null) };

        var decision = StorageLocationDecider.Decide(StorageLocationState.Empty(Claro), command);

        Assert.Equal(StockRejections.InvalidText, decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }
}
