namespace Demeter.Domain.Messaging;

/// <summary>
/// Why a command was refused; <see cref="Code"/> is machine-readable, <see cref="Reason"/> is for people, and
/// <see cref="Available"/> is what a batch could still give when a movement asked for more.
/// </summary>
public sealed record Rejection(string Code, string Reason, int? Available = null);

/// <summary>
/// What a decider answers to a command: the events to persist (possibly none, when the command was
/// already applied), or a rejection that persists nothing.
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, Rejection? Rejection)
{
    public bool Accepted => Rejection is null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Accept(IReadOnlyList<TEvent> events) => new(events, null);

    /// <summary>The command had already been applied (idempotent retry): accepted, nothing new to persist.</summary>
    public static Decision<TEvent> AlreadyDone() => new([], null);

    public static Decision<TEvent> Reject(string code, string reason, int? available = null) => new([], new Rejection(code, reason, available));
}
