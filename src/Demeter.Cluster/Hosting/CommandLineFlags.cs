namespace Demeter.Cluster.Hosting;

/// <summary>Reads <c>--name value</c> and <c>--name=value</c> pairs; other arguments are left to the host (e.g. --urls).</summary>
public static class CommandLineFlags
{
    public static Dictionary<string, string> Parse(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 2)
            {
                flags[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                flags[arg[2..]] = args[++i];
            }
        }

        return flags;
    }
}
