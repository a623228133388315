using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace Demeter.Cluster.Serialization;

/// <summary>
/// Serializes every <c>IDemeterMessage</c> (persisted or remoted) as JSON with a short, stable string
/// manifest; CLR type names never reach the journal or the wire.
/// </summary>
public sealed class DemeterSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new AppliedMovementsConverter(), new LedgerEntriesConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public override int Identifier => 1104;

    public override string Manifest(object o) => MessageManifests.NameOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, MessageManifests.TypeOf(manifest), Options)
        ?? throw new System.Runtime.Serialization.SerializationException($"Manifest '{manifest}' deserialized to null.");
}
