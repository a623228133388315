using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Api.Stock;
using Demeter.Domain.Users;

namespace Demeter.Api.Auth;

/// <summary>User management for admins: /api/v1/users.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireRole(Role.Admin);
        users.MapGet("/", ListAsync)
            .WithName("ListUsers")
            .WithSummary("Users by name, paged")
            .Produces<PageResponse<UserView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapPost("/", CreateAsync)
            .WithName("CreateUser")
            .WithSummary("Add a user with a role (viewer, worker, supervisor, admin) and a first password")
            .Accepts<CreateUserRequest>("application/json")
            .Produces<UserView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("/{username}", GetAsync)
            .WithName("GetUser")
            .WithSummary("One user")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPatch("/{username}", UpdateAsync)
            .WithName("UpdateUser")
            .WithSummary("Change a user's role, enable or disable it, or set its password; its tokens stop working")
            .Accepts<UpdateUserRequest>("application/json")
            .Produces<UserView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(int? page, int? pageSize, UserStore store, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var (p, size) = Paging.Of(page, pageSize);
        var (users, total) = await store.ListAsync((p - 1) * size, size, ct);
        return Results.Ok(new PageResponse<UserView>([.. users.Select(UserView.Of)], p, size, total));
    }

    private static async Task<IResult> GetAsync(string username, UserStore store, CancellationToken ct) =>
        await store.FindAsync(username, ct) is { } user ? Results.Ok(UserView.Of(user)) : NoSuchUser(username);

    private static async Task<IResult> CreateAsync(HttpContext http, UserStore store, PasswordHasher hasher, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<CreateUserRequest>(http.Request, ct, AuthEndpoints.MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        if (UserRules.UserNameError(body!.Username) is { } nameError)
        {
            return Problem.BadRequest("invalid-username", nameError);
        }

        if (!Roles.TryParse(body.Role, out var role))
        {
            return Problem.BadRequest("invalid-role", "role is one of viewer, worker, supervisor, admin.");
        }

        if (UserRules.PasswordError(body.Password) is { } passwordError)
        {
            return Problem.BadRequest("invalid-password", passwordError);
        }

        var hash = await hasher.HashAsync(body.Password!, ct);
        if (!await store.CreateAsync(body.Username!, role, hash, http.User.UserName(), DateTimeOffset.UtcNow, ct))
        {
            return Problem.Conflict("user-exists", $"User '{body.Username}' exists already.");
        }

        var user = await store.FindAsync(body.Username!, ct);
        return Results.Created($"/api/v1/users/{user!.UserName}", UserView.Of(user));
    }

    private static async Task<IResult> UpdateAsync(
        string username, HttpContext http, UserStore store, PasswordHasher hasher, UserTokenCheck check, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<UpdateUserRequest>(http.Request, ct, AuthEndpoints.MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        Role? newRole = null;
        if (body!.Role is not null)
        {
            if (!Roles.TryParse(body.Role, out var parsed))
            {
                return Problem.BadRequest("invalid-role", "role is one of viewer, worker, supervisor, admin.");
            }

            newRole = parsed;
        }

        if (body.Password is not null && UserRules.PasswordError(body.Password) is { } passwordError)
        {
            return Problem.BadRequest("invalid-password", passwordError);
        }

        if (body is { Role: null, Enabled: null, Password: null })
        {
            return Problem.BadRequest("Nothing to change: send role, enabled or password.");
        }

        var hash = body.Password is null ? null : await hasher.HashAsync(body.Password, ct);
        var change = await store.ChangeAsync(
            username,
            (user, all) =>
            {
                var role = newRole ?? user.Role;
                var enabled = body.Enabled ?? user.Enabled;
                return UserRules.ChangeError(user.Summary, role, enabled, all) is { } error
                    ? UserChangeDecision.Refused(error)
                    : new UserChangeDecision(role, enabled, hash, null);
            },
            http.User.UserName(),
            DateTimeOffset.UtcNow,
            ct);
        check.Forget(username);
        return change switch
        {
            { User: null } => NoSuchUser(username),
            { Error: { } error } => Problem.Conflict("last-admin", error),
            { User: { } user } => Results.Ok(UserView.Of(user)),
        };
    }

    private static IResult NoSuchUser(string username) => Problem.NotFound($"User '{username}' does not exist.");
}
