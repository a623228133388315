using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Serialization;

/// <summary>
/// A batch's applied movement ids (its idempotency record, one entry per movement ever booked) as columns of
/// fixed-width values in base64, rather than one JSON object per movement: a batch with 10,000 movements
/// snapshots in about a third of the bytes and reads back without parsing 10,000 objects, which is what keeps
/// its recovery short.
/// </summary>
public sealed class AppliedMovementsConverter : JsonConverter<ImmutableDictionary<Guid, AppliedMovement>>
{
    // Per entry: id 16, fingerprint 8, quantity after 4, signed quantity 4, type 1, UTC ticks 8, offset minutes 2.
    private const int EntrySize = 43;

    public override ImmutableDictionary<Guid, AppliedMovement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Applied movements are a base64 string.");
        }

        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % EntrySize != 0)
        {
            throw new JsonException($"Applied movements have {bytes.Length} bytes, not a multiple of {EntrySize}.");
        }

        var builder = ImmutableDictionary.CreateBuilder<Guid, AppliedMovement>();
        for (var offset = 0; offset < bytes.Length; offset += EntrySize)
        {
            var e = bytes.AsSpan(offset, EntrySize);
            var id = new Guid(e[..16]);
            var at = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(e[33..41]), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(e[41..43])));
            builder[id] = new AppliedMovement(
                BinaryPrimitives.ReadInt64LittleEndian(e[16..24]),
                (MovementType)e[32],
                BinaryPrimitives.ReadInt32LittleEndian(e[28..32]),
                BinaryPrimitives.ReadInt32LittleEndian(e[24..28]),
                at);
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableDictionary<Guid, AppliedMovement> value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * EntrySize];
        var offset = 0;
        foreach (var (id, m) in value)
        {
            var e = bytes.AsSpan(offset, EntrySize);
            id.TryWriteBytes(e[..16]);
            BinaryPrimitives.WriteInt64LittleEndian(e[16..24], m.Fingerprint);
            BinaryPrimitives.WriteInt32LittleEndian(e[24..28], m.QuantityAfter);
            BinaryPrimitives.WriteInt32LittleEndian(e[28..32], m.SignedQuantity);
            e[32] = (byte)m.Type;
            BinaryPrimitives.WriteInt64LittleEndian(e[33..41], m.At.UtcTicks);
            BinaryPrimitives.WriteInt16LittleEndian(e[41..43], (short)m.At.Offset.TotalMinutes);
            offset += EntrySize;
        }

        writer.WriteBase64StringValue(bytes);
    }
}
