namespace Demeter.Cluster.Hosting;

/// <summary>
/// Everything that differs between nodes, resolved with the precedence cluster.hocon &lt; environment
/// (DEMETER_*) &lt; command-line flags. Secrets (connection strings) come from the environment or flags only.
/// </summary>
public sealed record NodeSettings(
    string DataDirectory,
    DatabaseSettings Database,
    IReadOnlyList<string> Roles,
    string AkkaHostname,
    int AkkaPort,
    IReadOnlyList<string> SeedNodes,
    string? Model,
    string? Device,
    int? TileSizePx = null,
    double? TileOverlap = null,
    string AdminUrl = NodeSettings.DefaultAdminUrl)
{
    /// <summary>Where the node's admin endpoint listens unless told: loopback only, so reaching it takes a shell on the machine or a tunnel.</summary>
    public const string DefaultAdminUrl = "http://127.0.0.1:9110";

    public static readonly IReadOnlyList<string> AllRoles = [NodeRoles.Api, NodeRoles.Domain, NodeRoles.Inference, NodeRoles.Projector];

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    public string BlobDirectory => Path.Combine(DataDirectory, "blobs");

    public string ModelDirectory => Path.Combine(DataDirectory, "models");

    /// <summary>
    /// Resolves the settings from command-line flags, then host settings (e.g. "Demeter:data" set by a test
    /// host), then the environment.
    /// </summary>
    public static NodeSettings Resolve(
        IReadOnlyList<string> args,
        Func<string, string?> environment,
        Func<string, string?>? hostSetting = null,
        IReadOnlyList<string>? defaultRoles = null,
        Akka.Configuration.Config? hocon = null)
    {
        hocon ??= ClusterConfig.LoadFile();
        var flags = CommandLineFlags.Parse(args);
        string? Get(string flag, string env) =>
            flags.GetValueOrDefault(flag) ?? NullIfEmpty(hostSetting?.Invoke(flag)) ?? NullIfEmpty(environment(env));

        var data = Path.GetFullPath(Get("data", "DEMETER_DATA") ?? "data");
        var providerText = Get("db-provider", "DEMETER_DB_PROVIDER");
        var connection = Get("db-connection", "DEMETER_DB_CONNECTION");
        var provider = providerText is null
            ? connection is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql
            : DatabaseSettings.ParseProvider(providerText);
        var database = connection is null
            ? provider == DatabaseProvider.Sqlite
                ? DatabaseSettings.SqliteFile(Path.Combine(data, "demeter.db"))
                : throw new ArgumentException("PostgreSQL needs a connection string (DEMETER_DB_CONNECTION or --db-connection).")
            : new DatabaseSettings(provider, connection);

        var fileRoles = hocon.GetStringList("akka.cluster.roles", []);
        var roles = SplitList(Get("roles", "DEMETER_ROLES")) is { Count: > 0 } r
            ? r
            : defaultRoles ?? (fileRoles.Count > 0 ? [.. fileRoles] : AllRoles);
        foreach (var role in roles)
        {
            if (!AllRoles.Contains(role))
            {
                throw new ArgumentException($"Unknown role '{role}': the roles are {string.Join(", ", AllRoles)}.");
            }
        }

        var portText = Get("akka-port", "DEMETER_AKKA_PORT");
        var port = hocon.GetInt("akka.remote.dot-netty.tcp.port", 0);
        if (portText is not null && (!int.TryParse(portText, out port) || port is < 0 or > 65535))
        {
            throw new ArgumentException($"Invalid Akka port '{portText}'.");
        }

        return new NodeSettings(
            data,
            database,
            roles,
            Get("akka-host", "DEMETER_AKKA_HOSTNAME") ?? hocon.GetString("akka.remote.dot-netty.tcp.hostname", "127.0.0.1"),
            port,
            SplitList(Get("seed", "DEMETER_SEED_NODES")) is { Count: > 0 } seeds ? seeds : [.. hocon.GetStringList("akka.cluster.seed-nodes", [])],
            Get("model", "DEMETER_MODEL"),
            Get("device", "DEMETER_DEVICE"),
            TileSize(Get("tile-size", "DEMETER_TILE_SIZE")),
            TileOverlapOf(Get("tile-overlap", "DEMETER_TILE_OVERLAP")),
            AdminUrlOf(Get("admin-url", "DEMETER_ADMIN_URL")));
    }

    /// <summary>The SAHI tile side: 32 to 2048 px (a tile sent to another node must fit one remoting frame).</summary>
    private static int? TileSize(string? text) =>
        text is null ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 32 and <= 2048 ? size
        : throw new ArgumentException($"Invalid tile size '{text}': a whole number of pixels from 32 to 2048.");

    private static double? TileOverlapOf(string? text) =>
        text is null ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var overlap) && overlap is >= 0 and < 1 ? overlap
        : throw new ArgumentException($"Invalid tile overlap '{text}': a fraction of the tile from 0 up to (not including) 1, e.g. 0.25.");

    /// <summary>An http URL with a host and a port (0 = a free one, which the node logs).</summary>
    private static string AdminUrlOf(string? text) =>
        text is null ? DefaultAdminUrl
        : System.Text.RegularExpressions.Regex.IsMatch(text, @"^http://[^/:@]+:[0-9]{1,5}/?$") && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Port <= 65535
            ? uri.GetLeftPart(UriPartial.Authority)
        : throw new ArgumentException($"Invalid admin URL '{text}': http://<host>:<port>, e.g. {DefaultAdminUrl} (port 0 = a free port).");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static List<string> SplitList(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>The cluster roles a node can take.</summary>
public static class NodeRoles
{
    /// <summary>Serves the public HTTP API (asks the domain through proxies).</summary>
    public const string Api = "api";

    /// <summary>Hosts the shard regions (batches, claros, transplants, photo sessions, calibrations) and the layout and catalog singletons.</summary>
    public const string Domain = "domain";

    /// <summary>Hosts the node's inference worker (detector and segmenter on its device).</summary>
    public const string Inference = "inference";

    /// <summary>Hosts the read-model projector singleton.</summary>
    public const string Projector = "projector";
}
