using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Serialization;

/// <summary>
/// A batch's ledger since its latest count (up to <see cref="LedgerTimeline.MaxEntries"/> changes) as fixed-width
/// values in base64 rather than one JSON object per change: every snapshot of a busy batch carries the whole
/// list, and formatting and parsing thousands of timestamps made those snapshots cost more than the movements.
/// </summary>
public sealed class LedgerEntriesConverter : JsonConverter<ImmutableList<LedgerEntry>>
{
    // Per entry: UTC ticks 8, offset minutes 2, delta 4.
    private const int EntrySize = 14;

    public override ImmutableList<LedgerEntry> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Ledger entries are a base64 string.");
        }

        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % EntrySize != 0)
        {
            throw new JsonException($"Ledger entries have {bytes.Length} bytes, not a multiple of {EntrySize}.");
        }

        var builder = ImmutableList.CreateBuilder<LedgerEntry>();
        for (var offset = 0; offset < bytes.Length; offset += EntrySize)
        {
            var e = bytes.AsSpan(offset, EntrySize);
            var at = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(e[..8]), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(e[8..10])));
            builder.Add(new LedgerEntry(at, BinaryPrimitives.ReadInt32LittleEndian(e[10..14])));
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableList<LedgerEntry> value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * EntrySize];
        var offset = 0;
        foreach (var entry in value)
        {
            var e = bytes.AsSpan(offset, EntrySize);
            BinaryPrimitives.WriteInt64LittleEndian(e[..8], entry.At.UtcTicks);
            BinaryPrimitives.WriteInt16LittleEndian(e[8..10], (short)entry.At.Offset.TotalMinutes);
            BinaryPrimitives.WriteInt32LittleEndian(e[10..14], entry.Delta);
            offset += EntrySize;
        }

        writer.WriteBase64StringValue(bytes);
    }
}
