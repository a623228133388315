namespace Demeter.Domain.Layout;

/// <summary>
/// Bounds on what a layout import may hold, so one file cannot make an event of tens of megabytes or lookups of
/// seconds: the nursery has 28 naves, 56 canteros and 1,290 claros, with at most 63 vertices per polygon and names of
/// 13 characters.
/// </summary>
public static class LayoutLimits
{
    public const int MaxFeaturesPerFile = 10_000;

    public const int MaxVerticesPerPolygon = 1_000;

    public const int MaxNameLength = 200;

    /// <summary>Problems reported at most in one refusal (the count of all is reported beside them).</summary>
    public const int MaxReportedErrors = 100;
}
