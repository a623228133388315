using Demeter.Domain.Stock;

namespace Demeter.Domain.Tests.Stock;

public sealed class MovementTypesTests
{
    [Theory]
    [InlineData(MovementType.Plantar, "plantar")]
    [InlineData(MovementType.Sembrar, "sembrar")]
    [InlineData(MovementType.Transplante, "transplante")]
    [InlineData(MovementType.Muerte, "muerte")]
    [InlineData(MovementType.Ventas, "ventas")]
    [InlineData(MovementType.Foto, "foto")]
    [InlineData(MovementType.Ajuste, "ajuste")]
    [InlineData(MovementType.ManualInit, "manual_init")]
    public void Every_type_has_its_erd_code(MovementType type, string code)
    {
        Assert.Equal(code, type.ToCode());
    }

    [Fact]
    public void Every_code_parses_back_to_its_type()
    {
        foreach (var type in Enum.GetValues<MovementType>())
        {
            Assert.True(MovementTypes.TryParse(type.ToCode(), out var parsed), type.ToCode());
            Assert.Equal(type, parsed);
        }
    }

    [Theory]
    [InlineData("plantado", MovementType.Plantar)]
    [InlineData("replante", MovementType.Plantar)]
    [InlineData("ingreso", MovementType.Plantar)]
    [InlineData("trasplante", MovementType.Transplante)]
    [InlineData("venta", MovementType.Ventas)]
    public void The_reference_apis_spanish_aliases_parse_to_the_canonical_type(string alias, MovementType expected)
    {
        Assert.True(MovementTypes.TryParse(alias, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("PLANTADO", MovementType.Plantar)]
    [InlineData("  Muerte ", MovementType.Muerte)]
    [InlineData("Manual_Init", MovementType.ManualInit)]
    public void Parsing_ignores_case_and_surrounding_whitespace(string code, MovementType expected)
    {
        Assert.True(MovementTypes.TryParse(code, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("robo")]
    [InlineData("manualinit")]
    public void Unknown_codes_do_not_parse(string? code)
    {
        Assert.False(MovementTypes.TryParse(code, out _));
    }

    [Theory]
    [InlineData(MovementType.Plantar, 1)]
    [InlineData(MovementType.Sembrar, 1)]
    [InlineData(MovementType.ManualInit, 1)]
    [InlineData(MovementType.Foto, 1)]
    [InlineData(MovementType.Muerte, -1)]
    [InlineData(MovementType.Ventas, -1)]
    [InlineData(MovementType.Ajuste, 0)]
    [InlineData(MovementType.Transplante, 0)]
    public void Direction_is_the_sign_the_type_gives_or_zero_when_the_caller_supplies_it(MovementType type, int direction)
    {
        Assert.Equal(direction, type.Direction());
    }
}
