using Demeter.Api.Problems;

namespace Demeter.Api.Stock;

/// <summary>page (from 1) and pageSize (1–500, default 50) of every list.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static IResult? Check(int? page, int? pageSize) =>
        page is < 1 ? Problem.BadRequest("invalid-page", "page counts from 1.")
        : pageSize is < 1 or > MaxSize ? Problem.BadRequest("invalid-page-size", $"pageSize is 1 to {MaxSize}.")
        : null;

    public static (int Page, int PageSize) Of(int? page, int? pageSize) => (page ?? 1, pageSize ?? DefaultSize);
}
