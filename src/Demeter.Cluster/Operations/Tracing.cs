using System.Diagnostics;

namespace Demeter.Cluster.Operations;

/// <summary>
/// The node's spans: one trace per photo, from its upload through its session, its stream graph (decode, segmentation,
/// each detector pass, estimation, outputs) and the inference worker that ran each pass, on whichever node. Actors and
/// stream stages do not carry the ambient activity, so each step is started from the context it was handed.
/// </summary>
public static class Tracing
{
    public const string SourceName = "Demeter";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span continuing the W3C trace context <paramref name="traceParent"/> (a new trace when it is none or not valid).</summary>
    public static Activity? StartFrom(string name, string? traceParent, ActivityKind kind = ActivityKind.Internal) =>
        ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);

    /// <summary>A child of <paramref name="parent"/> (a root when it is default).</summary>
    public static Activity? StartChild(string name, ActivityContext parent) => Source.StartActivity(name, ActivityKind.Internal, parent);
}
