using System.Reflection;
using System.Text.Json;
using Demeter.Domain.Layout;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Tests.Layout;

public sealed class LayoutMessageTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));

    private static readonly Type[] MessageTypes = typeof(ILayoutEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(ILayoutEvent).IsAssignableFrom(t) || typeof(ILayoutCommand).IsAssignableFrom(t)))
        .ToArray();

    public static TheoryData<IDemeterMessage> Messages()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        return new TheoryData<IDemeterMessage>
        {
            new WarehouseRegistered(layout.Warehouses[0], At),
            new StorageAreaRegistered(layout.StorageAreas[0], At),
            new StorageLocationRegistered(layout.StorageLocations[0], At),
            new ImportLayout(layout, At),
            new RegisterStoragePlaces(["M6c1sur", "T1c1"], At),
            new StoragePlaceRegistered(new StoragePlace(StoragePlace.FirstId, "M6C1SUR", "M6c1sur"), At),
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_layout_message_round_trips_through_System_Text_Json(IDemeterMessage message)
    {
        var json = JsonSerializer.Serialize(message, message.GetType());

        var back = JsonSerializer.Deserialize(json, message.GetType());

        Assert.Equal(json, JsonSerializer.Serialize(back, message.GetType()));
        Assert.DoesNotContain("AreaM2", json); // derived values are recomputed, never stored
    }

    [Fact]
    public void The_round_trip_theory_covers_every_layout_message_type()
    {
        Assert.Equal(MessageTypes.OrderBy(t => t.Name), ((IEnumerable<object[]>)Messages()).Select(row => row[0].GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_layout_message_has_a_unique_versioned_layout_manifest()
    {
        var manifests = MessageTypes.Select(t => t.GetCustomAttribute<ManifestAttribute>()?.Name).ToList();

        Assert.All(manifests, m => Assert.Matches("^layout\\.[a-z-]+\\.v[0-9]+$", m));
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
    }

    [Fact]
    public void The_real_layout_round_trips_through_System_Text_Json()
    {
        var json = JsonSerializer.Serialize(RealNurseryData.Layout);

        Assert.Equal(RealNurseryData.Layout, JsonSerializer.Deserialize<LayoutDocument>(json));
    }
}
