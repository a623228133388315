namespace Demeter.Domain.Messaging;

/// <summary>
/// Marker for everything that is persisted or crosses a node boundary. Every implementation carries a
/// <see cref="ManifestAttribute"/> so the serializer writes a short, stable name instead of a CLR type name.
/// </summary>
public interface IDemeterMessage;

/// <summary>A fact that happened to one entity; persisted in the journal and tagged for projections.</summary>
public interface IDomainEvent : IDemeterMessage;
