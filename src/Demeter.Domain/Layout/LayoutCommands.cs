using Demeter.Domain.Messaging;

namespace Demeter.Domain.Layout;

public interface ILayoutCommand : IDemeterMessage;

/// <summary>
/// Register the hierarchy of <paramref name="Layout"/>: new and changed entries are (re-)registered,
/// identical ones are left alone. Entries missing from the document are NOT retired: a partial or older
/// export must never silently remove claros that hold stock; retiring needs its own explicit command.
/// </summary>
[Manifest("layout.import-layout.v1")]
public sealed record ImportLayout(LayoutDocument Layout, DateTimeOffset At) : ILayoutCommand;

/// <summary>Registers the places (by label) that are not registered yet; a label already known keeps its id.</summary>
[Manifest("layout.register-storage-places.v1")]
public sealed record RegisterStoragePlaces(IReadOnlyList<string> Labels, DateTimeOffset At) : ILayoutCommand;
