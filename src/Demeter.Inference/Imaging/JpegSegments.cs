using System.Buffers.Binary;

namespace Demeter.Inference.Imaging;

/// <summary>A marker segment of a JPEG header: <see cref="Offset"/> points at its 0xFF, <see cref="Length"/> covers marker, length and payload.</summary>
internal readonly record struct JpegSegment(byte Marker, int Offset, int Length)
{
    public int PayloadOffset => Offset + 4;

    public int PayloadLength => Length - 4;
}

/// <summary>Walks the marker segments of a JPEG up to the start of scan, where metadata ends.</summary>
internal static class JpegSegments
{
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

    /// <summary>
    /// The header segments, and the offset where the scan (or the rest of the file) starts; null when the
    /// header is malformed (no SOI, a bad marker, or a length running past the end).
    /// </summary>
    public static (List<JpegSegment> Segments, int ScanOffset)? Read(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        var segments = new List<JpegSegment>();
        var pos = 2;
        while (pos + 1 < jpeg.Length)
        {
            if (jpeg[pos] != 0xFF)
            {
                return null;
            }

            var marker = jpeg[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte before a marker
                continue;
            }

            if (marker is StartOfScan or EndOfImage)
            {
                return (segments, pos);
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                pos += 2; // standalone markers carry no length
                continue;
            }

            if (pos + 4 > jpeg.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(pos + 2, 2));
            if (length < 2 || pos + 2 + length > jpeg.Length)
            {
                return null;
            }

            segments.Add(new JpegSegment(marker, pos, length + 2));
            pos += length + 2;
        }

        return (segments, pos);
    }

    public static bool IsExif(ReadOnlySpan<byte> jpeg, JpegSegment segment) =>
        segment.Marker == App1 && jpeg.Slice(segment.PayloadOffset, segment.PayloadLength).StartsWith(ExifHeader);
}
