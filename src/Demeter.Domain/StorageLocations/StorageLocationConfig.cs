namespace Demeter.Domain.StorageLocations;

/// <summary>
/// What a claro is expected to hold: the product (and pot and state) its photos are classified as, and that
/// manual inits must match. At most one is active per claro; older ones stay, inactive, for history.
/// </summary>
public sealed record StorageLocationConfig(
    Guid ConfigId,
    int ProductId,
    int? PackagingId,
    int? ProductStateId,
    double? AreaCm2,
    string? Notes,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeactivatedAt,
    string User)
{
    public const int MaxNotesLength = 2000;

    /// <summary>Same expectation (ignores bookkeeping fields).</summary>
    public bool SameExpectationAs(int productId, int? packagingId, int? stateId, double? areaCm2, string? notes) =>
        ProductId == productId && PackagingId == packagingId && ProductStateId == stateId && AreaCm2 == areaCm2 && Notes == notes;
}

/// <summary>
/// How a config change applies: <see cref="Update"/> corrects the active config in place (same crop cycle);
/// <see cref="Create"/> starts a new cycle: the active config is deactivated and a new one becomes active.
/// </summary>
public enum ConfigMode
{
    Update,
    Create,
}
