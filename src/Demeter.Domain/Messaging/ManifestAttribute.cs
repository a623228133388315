namespace Demeter.Domain.Messaging;

/// <summary>
/// The stable wire name of a message type (e.g. "stock.movement-recorded.v1"). Renaming the CLR type
/// never changes it; changing a shipped event's meaning means a new manifest, not an edit.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ManifestAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
