using Akka.Actor;
using Demeter.Api.Auth;
using Demeter.Api.Problems;
using Demeter.Cluster.Operations;
using Demeter.Domain.Users;

namespace Demeter.Api.Admin;

/// <summary>This node's insides: its actor tree (`demeter actor hierarchy`) and its recent log (`demeter log peek`). Admin role only.</summary>
public static class NodeAdminRoutes
{
    public const int MaxDepth = 12;
    public const int MaxChildren = 1000;
    public const int MaxLines = RecentLogs.Capacity;

    public static void MapNodeAdminRoutes(this IEndpointRouteBuilder app)
    {
        var node = app.MapGroup("/admin/v1").WithTags("Admin").RequireRole(Role.Admin);
        node.MapGet("/actors", (ActorSystem system, int? depth, int? maxChildren) =>
            {
                if (depth is < 0 or > MaxDepth || maxChildren is < 1 or > MaxChildren)
                {
                    return Problem.BadRequest("invalid-query", $"depth is 0 to {MaxDepth} (default 4), maxChildren 1 to {MaxChildren} (default 20).");
                }

                return Results.Ok(ActorHierarchy.Of(system, depth ?? 4, maxChildren ?? 20));
            })
            .WithName("ActorHierarchy").WithSummary("The actors of this node under /user and /system, to a depth; each shows a bounded number of its children and counts all");
        node.MapGet("/logs", (RecentLogs logs, int? lines, string? level) =>
            {
                if (lines is < 1 or > MaxLines)
                {
                    return Problem.BadRequest("invalid-query", $"lines is 1 to {MaxLines} (default 100).");
                }

                if (!TryLevel(level, out var minimum))
                {
                    return Problem.BadRequest("invalid-query", "level is one of trace, debug, information, warning, error, critical.");
                }

                return Results.Ok(new LogPeekView(logs.Last(lines ?? 100, minimum)));
            })
            .WithName("LogPeek").WithSummary("The newest lines of this node's log, oldest first, at or above a level");
    }

    private static bool TryLevel(string? text, out LogLevel level)
    {
        level = LogLevel.Trace;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && level != LogLevel.None);
    }
}

/// <summary>Log lines, oldest first.</summary>
public sealed record LogPeekView(IReadOnlyList<LogLine> Lines);
