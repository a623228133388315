namespace Demeter.Inference.Onnx;

/// <summary>A constant tensor (an initializer or a tensor attribute); data is stored little-endian in raw_data.</summary>
public sealed record OnnxTensor(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims, byte[] RawData)
{
    public static OnnxTensor Floats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values) =>
        new(name, OnnxDataType.Float, Checked(dims, values.Length), ToBytes(values));

    public static OnnxTensor Int64s(string name, IReadOnlyList<long> dims, ReadOnlySpan<long> values) =>
        new(name, OnnxDataType.Int64, Checked(dims, values.Length), ToBytes(values));

    public static OnnxTensor UInt8s(string name, IReadOnlyList<long> dims, ReadOnlySpan<byte> values) =>
        new(name, OnnxDataType.UInt8, Checked(dims, values.Length), values.ToArray());

    public static OnnxTensor Scalar(string name, float value) => Floats(name, [], [value]);

    private static IReadOnlyList<long> Checked(IReadOnlyList<long> dims, int count)
    {
        var expected = dims.Aggregate(1L, (a, d) => a * d);
        if (expected != count)
        {
            throw new ArgumentException($"Shape [{string.Join(",", dims)}] needs {expected} values, got {count}.", nameof(dims));
        }

        return dims.ToArray();
    }

    private static byte[] ToBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        // ONNX raw_data is little-endian; MemoryMarshal copies host order, so refuse to run where that differs.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The ONNX writer assumes a little-endian host.");
        }

        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray();
    }
}
