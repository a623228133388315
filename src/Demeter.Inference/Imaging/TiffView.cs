using System.Buffers.Binary;

namespace Demeter.Inference.Imaging;

/// <summary>Bounds-checked reads from a TIFF block in its declared byte order; every read can fail instead of throwing.</summary>
internal readonly ref struct TiffView
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _littleEndian;

    private TiffView(ReadOnlySpan<byte> data, bool littleEndian)
    {
        _data = data;
        _littleEndian = littleEndian;
    }

    /// <summary>Parses the 8-byte header ("II"/"MM", 42, IFD0 offset).</summary>
    public static bool TryOpen(ReadOnlySpan<byte> data, out TiffView view, out uint firstIfdOffset)
    {
        view = default;
        firstIfdOffset = 0;
        if (data.Length < 8)
        {
            return false;
        }

        bool little;
        if (data[0] == (byte)'I' && data[1] == (byte)'I')
        {
            little = true;
        }
        else if (data[0] == (byte)'M' && data[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return false;
        }

        view = new TiffView(data, little);
        return view.TryU16(2, out var magic) && magic == 42 && view.TryU32(4, out firstIfdOffset);
    }

    public bool TryU16(long offset, out ushort value)
    {
        value = 0;
        if (offset < 0 || offset + 2 > _data.Length)
        {
            return false;
        }

        var s = _data.Slice((int)offset, 2);
        value = _littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        return true;
    }

    public bool TryU32(long offset, out uint value)
    {
        value = 0;
        if (offset < 0 || offset + 4 > _data.Length)
        {
            return false;
        }

        var s = _data.Slice((int)offset, 4);
        value = _littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        return true;
    }

    public bool TryByte(long offset, out byte value)
    {
        value = 0;
        if (offset < 0 || offset >= _data.Length)
        {
            return false;
        }

        value = _data[(int)offset];
        return true;
    }

    /// <summary>Finds <paramref name="tag"/> in the IFD at <paramref name="ifdOffset"/>; returns its type, count and where its value starts.</summary>
    public bool TryFindEntry(uint ifdOffset, ushort tag, out ushort type, out uint count, out long valueOffset)
    {
        type = 0;
        count = 0;
        valueOffset = 0;
        if (!TryU16(ifdOffset, out var entries))
        {
            return false;
        }

        for (var i = 0; i < entries; i++)
        {
            long entry = ifdOffset + 2 + (12L * i);
            if (!TryU16(entry, out var entryTag) || !TryU16(entry + 2, out type) || !TryU32(entry + 4, out count))
            {
                return false;
            }

            if (entryTag != tag)
            {
                continue;
            }

            // Values of up to 4 bytes sit in the entry itself; larger ones live at the offset stored there.
            var size = TypeSize(type) * (long)count;
            if (size <= 4)
            {
                valueOffset = entry + 8;
                return true;
            }

            if (!TryU32(entry + 8, out var pointer))
            {
                return false;
            }

            valueOffset = pointer;
            return true;
        }

        return false;
    }

    private static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 => 8,
        _ => 1,
    };
}
