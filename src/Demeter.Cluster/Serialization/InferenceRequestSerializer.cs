using System.Buffers.Binary;
using Akka.Actor;
using Akka.Serialization;
using Demeter.Cluster.Inference;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;

namespace Demeter.Cluster.Serialization;

/// <summary>
/// The two requests that carry pixels to another node, in binary: the fields, the photo's trace context (W3C trace id,
/// span id and flags; zeros for none), then the region's raw pixels (<see cref="RawPixels"/>), with no JSON or base64 between. Only a request that leaves its process is serialized; a
/// worker in the sender's process gets the message itself and reads the pixels in place.
/// </summary>
public sealed class InferenceRequestSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const string TileManifest = "inference.infer-tile.v3";
    public const string SegmentManifest = "inference.segment-photo.v3";

    // SessionId, then five ints and a long for a tile: index, rect (x, y, w, h), deadline (UTC ticks); two ints and a long
    // for a segmentation: width, height, deadline. Then the trace context: 16 + 8 + 1 bytes.
    private const int TraceBytes = 16 + 8 + 1;
    private const int TileFields = 16 + (5 * 4) + 8;
    private const int SegmentFields = 16 + (2 * 4) + 8;
    private const int TileHeader = TileFields + TraceBytes;
    private const int SegmentHeader = SegmentFields + TraceBytes;

    public override int Identifier => 1105;

    public override string Manifest(object o) => o switch
    {
        InferTile => TileManifest,
        SegmentPhoto => SegmentManifest,
        _ => throw new ArgumentException($"{o.GetType().Name} is not an inference request.", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case InferTile t:
                {
                    var bytes = WithPixels(TileHeader, t.Pixels);
                    var span = bytes.AsSpan();
                    t.SessionId.TryWriteBytes(span);
                    BinaryPrimitives.WriteInt32LittleEndian(span[16..], t.TileIndex);
                    BinaryPrimitives.WriteInt32LittleEndian(span[20..], t.Tile.X);
                    BinaryPrimitives.WriteInt32LittleEndian(span[24..], t.Tile.Y);
                    BinaryPrimitives.WriteInt32LittleEndian(span[28..], t.Tile.Width);
                    BinaryPrimitives.WriteInt32LittleEndian(span[32..], t.Tile.Height);
                    BinaryPrimitives.WriteInt64LittleEndian(span[36..], t.Deadline.UtcTicks);
                    WriteTrace(span[TileFields..], t.Trace);
                    return bytes;
                }

            case SegmentPhoto s:
                {
                    var bytes = WithPixels(SegmentHeader, s.Pixels);
                    var span = bytes.AsSpan();
                    s.SessionId.TryWriteBytes(span);
                    BinaryPrimitives.WriteInt32LittleEndian(span[16..], s.PhotoWidth);
                    BinaryPrimitives.WriteInt32LittleEndian(span[20..], s.PhotoHeight);
                    BinaryPrimitives.WriteInt64LittleEndian(span[24..], s.Deadline.UtcTicks);
                    WriteTrace(span[SegmentFields..], s.Trace);
                    return bytes;
                }

            default:
                throw new ArgumentException($"{obj.GetType().Name} is not an inference request.", nameof(obj));
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var span = bytes.AsSpan();
        switch (manifest)
        {
            case TileManifest when bytes.Length > TileHeader:
                {
                    var rect = new PixelRect(
                        BinaryPrimitives.ReadInt32LittleEndian(span[20..]),
                        BinaryPrimitives.ReadInt32LittleEndian(span[24..]),
                        BinaryPrimitives.ReadInt32LittleEndian(span[28..]),
                        BinaryPrimitives.ReadInt32LittleEndian(span[32..]));
                    return new InferTile(
                        new Guid(span[..16]), BinaryPrimitives.ReadInt32LittleEndian(span[16..]), rect, Pixels(span[TileHeader..]), Deadline(span[36..]),
                        ReadTrace(span[TileFields..]));
                }

            case SegmentManifest when bytes.Length > SegmentHeader:
                return new SegmentPhoto(
                    new Guid(span[..16]),
                    Pixels(span[SegmentHeader..]),
                    BinaryPrimitives.ReadInt32LittleEndian(span[16..]),
                    BinaryPrimitives.ReadInt32LittleEndian(span[20..]),
                    Deadline(span[24..]),
                    ReadTrace(span[SegmentFields..]));
            default:
                throw new System.Runtime.Serialization.SerializationException($"Not an inference request: manifest '{manifest}', {bytes.Length} bytes.");
        }
    }

    private static byte[] WithPixels(int header, InferencePixels pixels)
    {
        // The photo may be gone (its graph gave up): then there is nothing to send, and the asker's retry decides.
        using var lease = pixels.Source.TryAcquire()
            ?? throw new InvalidOperationException("The request's pixels were released before it was sent.");
        return RawPixels.Encode(lease.Bitmap, pixels.Region, header);
    }

    private static InferencePixels Pixels(ReadOnlySpan<byte> raw)
    {
        var bitmap = RawPixels.Decode(raw);
        return new InferencePixels(new SharedBitmap(bitmap), new PixelRect(0, 0, bitmap.Width, bitmap.Height), OwnedByMessage: true);
    }

    private static void WriteTrace(Span<byte> span, System.Diagnostics.ActivityContext trace)
    {
        if (trace == default)
        {
            span[..TraceBytes].Clear();
            return;
        }

        trace.TraceId.CopyTo(span[..16]);
        trace.SpanId.CopyTo(span[16..24]);
        span[24] = (byte)trace.TraceFlags;
    }

    private static System.Diagnostics.ActivityContext ReadTrace(ReadOnlySpan<byte> span)
    {
        // All zeros: the request was sent outside any trace.
        return span[..24].IndexOfAnyExcept((byte)0) < 0
            ? default
            : new System.Diagnostics.ActivityContext(
                System.Diagnostics.ActivityTraceId.CreateFromBytes(span[..16]),
                System.Diagnostics.ActivitySpanId.CreateFromBytes(span[16..24]),
                (System.Diagnostics.ActivityTraceFlags)span[24],
                isRemote: true);
    }

    private static DateTimeOffset Deadline(ReadOnlySpan<byte> span)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(span);
        return ticks is < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
