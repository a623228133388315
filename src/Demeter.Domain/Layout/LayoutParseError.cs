namespace Demeter.Domain.Layout;

/// <summary>
/// One problem in one input file. <see cref="FeatureIndex"/> is the zero-based position in the
/// "features" array (null for file-level problems); <see cref="FeatureId"/> is the feature's id when it could be read.
/// </summary>
public sealed record LayoutParseError(string File, int? FeatureIndex, int? FeatureId, string Problem)
{
    public override string ToString()
    {
        var where = FeatureIndex is { } index ? $"{File} features[{index}]" : File;
        if (FeatureId is { } id) where += $" (id {id})";
        return $"{where}: {Problem}";
    }
}
