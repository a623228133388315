using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Serialization;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Tests.Serialization;

public sealed class SerializationTests : Akka.TestKit.Xunit2.TestKit
{
    public SerializationTests()
        : base(Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName))))
    {
    }

    public static TheoryData<string> Manifests() => [.. MessageManifests.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_message_round_trips_through_the_bound_serializer_with_its_stable_manifest(string manifest)
    {
        var type = MessageManifests.TypeOf(manifest);
        var sample = SampleFactory.Create(type);
        var serializer = Sys.Serialization.FindSerializerFor(sample);

        Assert.IsType<DemeterSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, sample));
        var bytes = serializer.ToBinary(sample);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(type, back);
        Assert.Equal(
            JsonSerializer.Serialize(sample, type, DemeterSerializer.Options),
            JsonSerializer.Serialize(back, type, DemeterSerializer.Options));
    }

    [Fact]
    public void Manifests_are_short_versioned_names_not_clr_type_names()
    {
        Assert.NotEmpty(MessageManifests.All);
        foreach (var (manifest, type) in MessageManifests.All)
        {
            Assert.Matches(@"^[a-z]+(\.[a-z0-9-]+)+\.v[0-9]+$", manifest);
            Assert.DoesNotContain(type.Namespace!, manifest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_domain_event_type_has_a_manifest()
    {
        var events = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IDomainEvent).IsAssignableFrom(t))
            .ToList();
        Assert.Contains(typeof(MovementRecorded), events);
        Assert.All(events, t => Assert.Contains(t, MessageManifests.All.Values));
    }

    [Fact]
    public void A_stored_event_reads_back_by_manifest_even_if_the_clr_type_moved()
    {
        // What the journal holds: the manifest string and JSON. Nothing in it names a CLR type.
        var evt = new MovementRecorded(
            Guid.NewGuid(), Guid.NewGuid(), MovementType.Muerte, -3, DateTimeOffset.UnixEpoch, 17, 3, new MovementDetails("anonymous", MovementSource.Manual, "frost"), 42, null);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(evt);
        var json = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(evt));

        Assert.DoesNotContain("Demeter.", json, StringComparison.Ordinal);
        Assert.Equal(evt, serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(json), "stock.movement-recorded.v2"));
    }
}
