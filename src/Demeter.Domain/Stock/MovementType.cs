namespace Demeter.Domain.Stock;

/// <summary>The canonical stock movement types (the nursery's words); Spanish aliases are accepted at the API edge.</summary>
public enum MovementType
{
    /// <summary>Inbound: new plants planted.</summary>
    Plantar,

    /// <summary>Inbound: seeds sown.</summary>
    Sembrar,

    /// <summary>Transfer: out of one batch (negative), into another (positive); booked only by a transplant.</summary>
    Transplante,

    /// <summary>Outbound: deaths and discards; each one leaves an empty container.</summary>
    Muerte,

    /// <summary>Outbound: sales, usually inferred by a photo count lower than the ledger.</summary>
    Ventas,

    /// <summary>Inbound baseline: the first count of a batch, from a photo.</summary>
    Foto,

    /// <summary>Either sign: a correction, with a mandatory reason.</summary>
    Ajuste,

    /// <summary>Inbound baseline: a count entered by hand.</summary>
    ManualInit,
}

public static class MovementTypes
{
    public static readonly IReadOnlyList<MovementType> All = Enum.GetValues<MovementType>();

    /// <summary>Wire/database spelling of a movement type (the nursery's words, e.g. "manual_init").</summary>
    public static string ToCode(this MovementType type) => type switch
    {
        MovementType.ManualInit => "manual_init",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a canonical code or one of the aliases the reference API accepted ("plantado", "trasplante").</summary>
    public static bool TryParse(string? code, out MovementType type)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "plantar" or "plantado" or "replante" or "ingreso": type = MovementType.Plantar; return true;
            case "sembrar" or "siembra": type = MovementType.Sembrar; return true;
            case "transplante" or "trasplante": type = MovementType.Transplante; return true;
            case "muerte": type = MovementType.Muerte; return true;
            case "ventas" or "venta": type = MovementType.Ventas; return true;
            case "foto": type = MovementType.Foto; return true;
            case "ajuste": type = MovementType.Ajuste; return true;
            case "manual_init" or "manual-init": type = MovementType.ManualInit; return true;
            default: type = default; return false;
        }
    }

    /// <summary>
    /// +1 for inbound types, −1 for outbound; 0 where the sign comes with the quantity (ajuste, and the two legs
    /// of a transplante).
    /// </summary>
    public static int Direction(this MovementType type) => type switch
    {
        MovementType.Plantar or MovementType.Sembrar or MovementType.ManualInit or MovementType.Foto => 1,
        MovementType.Muerte or MovementType.Ventas => -1,
        _ => 0,
    };

    /// <summary>Baselines are counts: they set what a batch holds at their time rather than add a flow to it.</summary>
    public static bool IsCount(this MovementType type) => type is MovementType.ManualInit or MovementType.Foto;
}

/// <summary>Who or what originated a movement.</summary>
public enum MovementSource
{
    /// <summary>Entered by a person (API, CLI).</summary>
    Manual,

    /// <summary>A photo's baseline count from the vision pipeline.</summary>
    Ia,

    /// <summary>The difference between a photo count and the ledger at the photo's time.</summary>
    Reconciliation,

    /// <summary>Loaded from a file (the sowing ledger).</summary>
    Import,
}

public static class MovementSources
{
    public static string ToCode(this MovementSource source) => source.ToString().ToLowerInvariant();
}
