namespace Demeter.Inference.Onnx;

/// <summary>TensorProto.DataType values from onnx.proto (only the ones this writer emits).</summary>
public enum OnnxDataType
{
    Float = 1,
    UInt8 = 2,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
}
