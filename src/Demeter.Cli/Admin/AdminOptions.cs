using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;

namespace Demeter.Cli.Admin;

/// <summary>
/// What every operator verb shares: the node to ask (its admin endpoint, not the public API), the API whose login the
/// token comes from, and --json.
/// </summary>
public sealed class AdminOptions
{
    public const string DefaultNode = "http://127.0.0.1:9110";

    public Option<string> Node { get; } = new("--node")
    {
        Description = "The admin endpoint of the node to ask (its --admin-url)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DEMETER_NODE") ?? DefaultNode,
    };

    public Option<string> Server { get; } = CommonOptions.Server();

    public Option<bool> Json { get; } = CommonOptions.Json();

    /// <summary>Adds the shared options to a verb.</summary>
    public Command Add(Command command)
    {
        command.Options.Add(Node);
        command.Options.Add(Server);
        command.Options.Add(Json);
        return command;
    }

    /// <summary>A client for the node's admin endpoint that signs in with the token of <c>demeter login --server</c> (or DEMETER_TOKEN).</summary>
    public DemeterApiClient Client(ParseResult parse) => new(parse.GetValue(Node)!, loginServer: parse.GetValue(Server));

    public static void PrintJson(object value) => Console.WriteLine(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));
}
