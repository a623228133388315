namespace Demeter.Domain.Stock;

/// <summary>The canonical stock movement types (the ERD enum); Spanish aliases are accepted at the API edge.</summary>
public enum MovementType
{
    Plantar,
    Sembrar,
    Transplante,
    Muerte,
    Ventas,
    Foto,
    Ajuste,
    ManualInit,
}

public static class MovementTypes
{
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
            case "sembrar": type = MovementType.Sembrar; return true;
            case "transplante" or "trasplante": type = MovementType.Transplante; return true;
            case "muerte": type = MovementType.Muerte; return true;
            case "ventas" or "venta": type = MovementType.Ventas; return true;
            case "foto": type = MovementType.Foto; return true;
            case "ajuste": type = MovementType.Ajuste; return true;
            case "manual_init": type = MovementType.ManualInit; return true;
            default: type = default; return false;
        }
    }

    /// <summary>+1 for inbound types, −1 for outbound; 0 where the caller supplies the sign (ajuste) or a saga does (transplante, foto).</summary>
    public static int Direction(this MovementType type) => type switch
    {
        MovementType.Plantar or MovementType.Sembrar or MovementType.ManualInit => 1,
        MovementType.Muerte or MovementType.Ventas => -1,
        _ => 0,
    };
}
