using Google.Protobuf;

namespace Demeter.Inference.Onnx;

/// <summary>
/// Writes the fields of one protobuf message. Nested messages are encoded to bytes first and written as
/// length-delimited fields, which is exactly how protobuf lays out embedded messages on the wire.
/// </summary>
internal sealed class ProtoMessageWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    public ProtoMessageWriter() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

    public ProtoMessageWriter Int64(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    public ProtoMessageWriter Int32(int field, int value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt32(value);
        return this;
    }

    public ProtoMessageWriter Float(int field, float value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFloat(value);
        return this;
    }

    public ProtoMessageWriter String(int field, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteString(value);
        }

        return this;
    }

    public ProtoMessageWriter Bytes(int field, byte[] value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
        return this;
    }

    public ProtoMessageWriter Message(int field, ProtoMessageWriter message) => Bytes(field, message.ToArray());

    public ProtoMessageWriter PackedInt64s(int field, IEnumerable<long> values)
    {
        var packed = new ProtoMessageWriter();
        foreach (var v in values)
        {
            packed._output.WriteInt64(v);
        }

        return Bytes(field, packed.ToArray());
    }

    public ProtoMessageWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var packed = new ProtoMessageWriter();
        foreach (var v in values)
        {
            packed._output.WriteFloat(v);
        }

        return Bytes(field, packed.ToArray());
    }

    public byte[] ToArray()
    {
        _output.Flush();
        return _buffer.ToArray();
    }
}
