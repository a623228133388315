namespace Demeter.Inference.Onnx;

/// <summary>
/// Encodes an <see cref="OnnxModel"/> as ONNX protobuf bytes without generated code. Field numbers are those
/// of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto).
/// </summary>
public static class OnnxModelWriter
{
    public static byte[] Encode(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var w = new ProtoMessageWriter()
            .Int64(1, model.IrVersion)
            .String(2, model.ProducerName)
            .String(3, model.ProducerVersion)
            .Message(7, Graph(model.Graph));
        w.Message(8, new ProtoMessageWriter().String(1, "").Int64(2, model.OpsetVersion));
        foreach (var (key, value) in model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Message(14, new ProtoMessageWriter().String(1, key).String(2, value));
        }

        return w.ToArray();
    }

    private static ProtoMessageWriter Graph(OnnxGraph graph)
    {
        var w = new ProtoMessageWriter();
        foreach (var node in graph.Nodes)
        {
            w.Message(1, Node(node));
        }

        w.String(2, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            w.Message(5, Tensor(tensor));
        }

        foreach (var input in graph.Inputs)
        {
            w.Message(11, ValueInfo(input));
        }

        foreach (var output in graph.Outputs)
        {
            w.Message(12, ValueInfo(output));
        }

        return w;
    }

    private static ProtoMessageWriter Node(OnnxNode node)
    {
        var w = new ProtoMessageWriter();
        foreach (var input in node.Inputs)
        {
            // Repeated strings must keep empty entries: they mark omitted optional inputs by position.
            w.Bytes(1, System.Text.Encoding.UTF8.GetBytes(input));
        }

        foreach (var output in node.Outputs)
        {
            w.Bytes(2, System.Text.Encoding.UTF8.GetBytes(output));
        }

        w.String(3, node.Name).String(4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            w.Message(5, Attribute(attribute));
        }

        return w;
    }

    private static ProtoMessageWriter Attribute(OnnxAttribute a)
    {
        var w = new ProtoMessageWriter().String(1, a.Name);
        switch (a.Type)
        {
            case OnnxAttributeType.Float:
                w.Float(2, a.FloatValue);
                break;
            case OnnxAttributeType.Int:
                w.Int64(3, a.IntValue);
                break;
            case OnnxAttributeType.String:
                w.Bytes(4, System.Text.Encoding.UTF8.GetBytes(a.StringValue ?? ""));
                break;
            case OnnxAttributeType.Tensor:
                w.Message(5, Tensor(a.TensorValue ?? throw new ArgumentException($"Attribute {a.Name} has no tensor.")));
                break;
            case OnnxAttributeType.Floats:
                w.PackedFloats(7, a.FloatValues ?? []);
                break;
            case OnnxAttributeType.Ints:
                w.PackedInt64s(8, a.IntValues ?? []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(a), a.Type, "Unsupported attribute type.");
        }

        return w.Int32(20, (int)a.Type);
    }

    private static ProtoMessageWriter Tensor(OnnxTensor t)
    {
        var w = new ProtoMessageWriter();
        if (t.Dims.Count > 0)
        {
            w.PackedInt64s(1, t.Dims);
        }

        return w.Int32(2, (int)t.DataType).String(8, t.Name).Bytes(9, t.RawData);
    }

    private static ProtoMessageWriter ValueInfo(OnnxValueInfo v)
    {
        var shape = new ProtoMessageWriter();
        foreach (var dim in v.Shape)
        {
            var d = new ProtoMessageWriter();
            if (dim is { } value)
            {
                d.Int64(1, value);
            }
            else
            {
                d.String(2, "?");
            }

            shape.Message(1, d);
        }

        var tensorType = new ProtoMessageWriter().Int32(1, (int)v.ElementType).Message(2, shape);
        var type = new ProtoMessageWriter().Message(1, tensorType);
        return new ProtoMessageWriter().String(1, v.Name).Message(2, type);
    }
}
