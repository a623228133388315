namespace Demeter.Inference.Onnx;

/// <summary>Assembles an <see cref="OnnxGraph"/> node by node, naming intermediate values automatically.</summary>
public sealed class OnnxGraphBuilder(string graphName)
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private int _counter;

    public string Input(string name, OnnxDataType type, params long?[] shape)
    {
        _inputs.Add(new OnnxValueInfo(name, type, shape));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output under <paramref name="name"/> (via Identity when the names differ).</summary>
    public void Output(string value, string name, OnnxDataType type, params long?[] shape)
    {
        if (value != name)
        {
            _nodes.Add(new OnnxNode("Identity", [value], [name], $"{name}_identity", []));
        }

        _outputs.Add(new OnnxValueInfo(name, type, shape));
    }

    public string Constant(OnnxTensor tensor)
    {
        _initializers.Add(tensor);
        return tensor.Name;
    }

    public string Scalar(float value) => Constant(OnnxTensor.Scalar(NextName("const"), value));

    public string Floats(long[] dims, float[] values) => Constant(OnnxTensor.Floats(NextName("const"), dims, values));

    /// <summary>A rank-0 int64 constant (e.g. an axis input).</summary>
    public string Int64Scalar(long value) => Constant(OnnxTensor.Int64s(NextName("const"), [], [value]));

    public string Int64s(params long[] values) => Constant(OnnxTensor.Int64s(NextName("const"), [values.Length], values));

    /// <summary>Adds a single-output node and returns the name of its output.</summary>
    public string Op(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        var output = NextName(opType.ToLowerInvariant());
        _nodes.Add(new OnnxNode(opType, inputs, [output], $"{output}_node", attributes));
        return output;
    }

    /// <summary>Adds a node with several outputs (e.g. DynamicQuantizeLinear's value, scale and zero point) and returns their names.</summary>
    public string[] Ops(string opType, IReadOnlyList<string> inputs, int outputCount, params OnnxAttribute[] attributes)
    {
        var outputs = Enumerable.Range(0, outputCount).Select(_ => NextName(opType.ToLowerInvariant())).ToArray();
        _nodes.Add(new OnnxNode(opType, inputs, outputs, $"{outputs[0]}_node", attributes));
        return outputs;
    }

    public string UInt8s(long[] dims, byte[] values) => Constant(OnnxTensor.UInt8s(NextName("const"), dims, values));

    public OnnxGraph Build() => new(graphName, _nodes.ToArray(), _initializers.ToArray(), _inputs.ToArray(), _outputs.ToArray());

    private string NextName(string prefix) => $"{prefix}_{_counter++}";
}
