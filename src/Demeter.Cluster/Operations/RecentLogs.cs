using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Demeter.Cluster.Operations;

/// <summary>One line of a node's log as `demeter log peek` shows it; the trace id ties it to the request or photo it served.</summary>
public sealed record LogLine(DateTimeOffset Time, string Level, string Category, string Message, string? Exception, string? TraceId);

/// <summary>
/// The node's most recent log lines, kept in memory (a ring of <see cref="Capacity"/> lines) so an operator can read a
/// node's log through its admin endpoint without a shell on its machine. Akka's own log reaches it through the host's
/// logger factory. It holds what the host's filters let through to it (Information and above unless told otherwise).
/// </summary>
public sealed class RecentLogs : ILoggerProvider
{
    public const int Capacity = 2000;

    private readonly LogLine[] _ring = new LogLine[Capacity];
    private readonly Lock _gate = new();
    private long _written;

    /// <summary>The newest <paramref name="count"/> lines at or above <paramref name="minimum"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> Last(int count, LogLevel minimum = LogLevel.Trace)
    {
        var lines = new List<LogLine>();
        lock (_gate)
        {
            for (var i = _written - 1; i >= Math.Max(0, _written - Capacity) && lines.Count < count; i--)
            {
                var line = _ring[i % Capacity];
                if (Enum.Parse<LogLevel>(line.Level, ignoreCase: true) >= minimum)
                {
                    lines.Add(line);
                }
            }
        }

        lines.Reverse();
        return lines;
    }

    public ILogger CreateLogger(string categoryName) => new RingLogger(this, categoryName);

    public void Dispose()
    {
        // Nothing to release: the lines live as long as the node.
    }

    private void Add(LogLine line)
    {
        lock (_gate)
        {
            _ring[_written % Capacity] = line;
            _written++;
        }
    }

    private sealed class RingLogger(RecentLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var trace = Activity.Current is { } activity ? activity.TraceId.ToHexString() : null;
            logs.Add(new LogLine(DateTimeOffset.UtcNow, logLevel.ToString(), category, formatter(state, exception), exception?.ToString(), trace));
        }
    }
}
