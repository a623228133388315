using System.Buffers.Binary;

namespace Demeter.Inference.Imaging;

/// <summary>Writes a fixed-size TIFF block in one byte order; IFD entries are added in ascending tag order by the caller.</summary>
internal sealed class TiffWriter(int size, bool littleEndian)
{
    private readonly byte[] _data = new byte[size];

    public TiffWriter U16(int offset, ushort value)
    {
        var s = _data.AsSpan(offset, 2);
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(s, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(s, value);
        }

        return this;
    }

    public TiffWriter U32(int offset, uint value)
    {
        var s = _data.AsSpan(offset, 4);
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(s, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, value);
        }

        return this;
    }

    public TiffWriter Bytes(int offset, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_data.AsSpan(offset));
        return this;
    }

    /// <summary>Writes the entry count and a zero next-IFD link; returns the offset of the first entry.</summary>
    public int Ifd(int offset, int entries)
    {
        U16(offset, (ushort)entries);
        U32(offset + 2 + (12 * entries), 0);
        return offset + 2;
    }

    /// <summary>Writes one 12-byte entry at <paramref name="entryOffset"/> and advances it; the value (or its offset) goes in the last 4 bytes.</summary>
    public void Entry(ref int entryOffset, ushort tag, ushort type, uint count, Action<int, TiffWriter> writeValue)
    {
        U16(entryOffset, tag).U16(entryOffset + 2, type).U32(entryOffset + 4, count);
        writeValue(entryOffset + 8, this);
        entryOffset += 12;
    }

    public byte[] ToArray() => _data;
}
