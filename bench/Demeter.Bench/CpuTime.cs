using System.Globalization;

namespace Demeter.Bench;

/// <summary>
/// CPU time (user + system, all threads) of a running process and of this process's reaped children, from
/// <c>/proc/&lt;pid&gt;/stat</c>. The photo benchmark divides it by the cores: no scheduling can finish a photo faster
/// than the CPU work it takes spread over every core, so that quotient bounds its wall time on this machine from below.
/// </summary>
internal static class CpuTime
{
    // The kernel reports these fields in USER_HZ, which is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time a live process has used so far (utime + stime).</summary>
    public static TimeSpan OfProcess(int pid) => Sum(pid.ToString(CultureInfo.InvariantCulture), 11, 12);

    /// <summary>The CPU time of every child this process has waited for (cutime + cstime).</summary>
    public static TimeSpan OfReapedChildren() => Sum("self", 13, 14);

    private static TimeSpan Sum(string pid, int first, int second)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is parenthesised and may hold spaces: fields are counted from after it (state = 0).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[second], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
