namespace Demeter.Domain.Users;

/// <summary>
/// What a user of the nursery's system may do. Each role may do everything the ones below it may:
/// a viewer reads; a worker also books what happens in the greenhouse (photos, movements, transplants);
/// a supervisor also changes the ledger's frame (layout, bins, reconciliations, imports, catalog, prices);
/// an admin also manages users and the cluster.
/// </summary>
public enum Role
{
    Viewer = 0,
    Worker = 1,
    Supervisor = 2,
    Admin = 3,
}

public static class Roles
{
    /// <summary>The name a role has in tokens, requests and the README's matrix.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Viewer => "viewer",
        Role.Worker => "worker",
        Role.Supervisor => "supervisor",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static IReadOnlyList<Role> All { get; } = [Role.Viewer, Role.Worker, Role.Supervisor, Role.Admin];

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = Role.Viewer;
        return false;
    }

    /// <summary>The roles that may do what <paramref name="minimum"/> may: it and every role above it.</summary>
    public static IEnumerable<Role> AtLeast(Role minimum) => All.Where(role => role >= minimum);
}
