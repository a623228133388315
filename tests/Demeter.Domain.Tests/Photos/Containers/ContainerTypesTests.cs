using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Tests.Photos.Containers;

public class ContainerTypesTests
{
    [Theory]
    [InlineData("segment", ContainerTypes.Segment, StorageBinCategory.Segment)]
    [InlineData("segmento", ContainerTypes.Segment, StorageBinCategory.Segment)]
    [InlineData("claro-cajon", ContainerTypes.Segment, StorageBinCategory.Segment)]
    [InlineData("claro_cajon", ContainerTypes.Segment, StorageBinCategory.Segment)]
    [InlineData("claro cajon", ContainerTypes.Segment, StorageBinCategory.Segment)]
    [InlineData("cajon", ContainerTypes.Box, StorageBinCategory.Box)]
    [InlineData("cajón", ContainerTypes.Box, StorageBinCategory.Box)]
    [InlineData("box", ContainerTypes.Box, StorageBinCategory.Box)]
    [InlineData("almacigo", ContainerTypes.SeedlingTray, StorageBinCategory.SeedlingTray)]
    [InlineData("almácigo", ContainerTypes.SeedlingTray, StorageBinCategory.SeedlingTray)]
    [InlineData("seedling_tray", ContainerTypes.SeedlingTray, StorageBinCategory.SeedlingTray)]
    [InlineData("plug", ContainerTypes.Plug, StorageBinCategory.Plug)]
    [InlineData("plugs", ContainerTypes.Plug, StorageBinCategory.Plug)]
    [InlineData("plug-tray", ContainerTypes.Plug, StorageBinCategory.Plug)]
    public void Known_raw_names_map_to_their_standard_type(string raw, string type, StorageBinCategory category)
    {
        Assert.Equal((type, category, true), ContainerTypes.FromRawName(raw));
    }

    [Theory]
    [InlineData("  Cajon ", ContainerTypes.Box)]
    [InlineData("SEGMENTO", ContainerTypes.Segment)]
    [InlineData("Claro_Cajon", ContainerTypes.Segment)]
    [InlineData("Almacigo", ContainerTypes.SeedlingTray)]
    public void Names_are_trimmed_and_compared_case_insensitively(string raw, string type)
    {
        var (actual, _, known) = ContainerTypes.FromRawName(raw);

        Assert.Equal(type, actual);
        Assert.True(known);
    }

    [Fact]
    public void The_standard_constants_are_the_documented_codes()
    {
        Assert.Equal(("segment", "box", "almacigo", "plug"), (ContainerTypes.Segment, ContainerTypes.Box, ContainerTypes.SeedlingTray, ContainerTypes.Plug));
    }

    [Fact]
    public void An_unknown_name_keeps_its_lower_cased_name_and_is_booked_as_a_segment()
    {
        Assert.Equal(("bandeja", StorageBinCategory.Segment, false), ContainerTypes.FromRawName("Bandeja"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_name_is_an_unknown_segment(string? raw)
    {
        Assert.Equal((ContainerTypes.Segment, StorageBinCategory.Segment, false), ContainerTypes.FromRawName(raw));
    }
}
