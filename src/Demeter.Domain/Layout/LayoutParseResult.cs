using System.Diagnostics.CodeAnalysis;

namespace Demeter.Domain.Layout;

/// <summary>Either a complete, consistent <see cref="LayoutDocument"/> or every problem found; never a partial layout.</summary>
public sealed class LayoutParseResult
{
    private LayoutParseResult(LayoutDocument? document, IReadOnlyList<LayoutParseError> errors)
    {
        Document = document;
        Errors = errors;
    }

    public LayoutDocument? Document { get; }

    public IReadOnlyList<LayoutParseError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    public bool Succeeded => Document is not null;

    public static LayoutParseResult Success(LayoutDocument document) => new(document, []);

    public static LayoutParseResult Failure(IReadOnlyList<LayoutParseError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failed parse needs at least one error.", nameof(errors))
            : new LayoutParseResult(null, errors);
}
