using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Auth;

/// <summary>`demeter user list|add|set`: user management for admins.</summary>
public static class UserCommands
{
    public const string NewPasswordVariable = "DEMETER_NEW_PASSWORD";

    public static Command Create()
    {
        var listServer = CommonOptions.Server();
        var json = CommonOptions.Json();
        var list = new Command("list", "List the users, their roles and whether they are enabled") { listServer, json };
        list.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(listServer)!);
            var table = new Table().AddColumns("USER", "ROLE", "ENABLED", "UPDATED", "BY");
            var all = new List<JsonElement>();
            for (var page = 1; ; page++)
            {
                var answer = await client.GetAsync($"api/v1/users?page={page}&pageSize=500", ct);
                var items = answer.GetProperty("items").EnumerateArray().ToList();
                all.AddRange(items);
                if (items.Count == 0 || all.Count >= answer.GetProperty("total").GetInt64())
                {
                    break;
                }
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(all));
                return 0;
            }

            foreach (var user in all)
            {
                table.AddRow(
                    Markup.Escape(user.GetProperty("username").GetString()!),
                    user.GetProperty("role").GetString()!,
                    user.GetProperty("enabled").GetBoolean() ? "yes" : "NO",
                    user.GetProperty("updatedAt").GetString()!,
                    Markup.Escape(user.GetProperty("updatedBy").GetString()!));
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var addServer = CommonOptions.Server();
        var addName = new Argument<string>("username") { Description = "Lower-case letters, digits, '.', '_' and '-'" };
        var addRole = new Option<string>("--role") { Description = "viewer, worker, supervisor or admin", Required = true };
        var add = new Command("add", $"Add a user (its first password is asked for, or read from {NewPasswordVariable})") { addName, addRole, addServer };
        add.SetAction(async (parse, ct) =>
        {
            var password = LoginCommands.Secret(NewPasswordVariable, "New user's password");
            using var client = new DemeterApiClient(parse.GetValue(addServer)!);
            var user = await client.PostJsonAsync("api/v1/users", new { username = parse.GetValue(addName), password, role = parse.GetValue(addRole) }, ct);
            Console.WriteLine($"Added {user.GetProperty("username").GetString()} ({user.GetProperty("role").GetString()}).");
            return 0;
        });

        var setServer = CommonOptions.Server();
        var setName = new Argument<string>("username");
        var setRole = new Option<string?>("--role") { Description = "A new role: viewer, worker, supervisor or admin" };
        var enable = new Option<bool>("--enable") { Description = "Let the user log in again" };
        var disable = new Option<bool>("--disable") { Description = "Lock the user out; its tokens stop working" };
        var resetPassword = new Option<bool>("--password") { Description = $"Set a new password (asked for, or read from {NewPasswordVariable})" };
        var set = new Command("set", "Change a user's role, lock it out or let it in, or set its password") { setName, setRole, enable, disable, resetPassword, setServer };
        set.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(enable) && parse.GetValue(disable))
            {
                throw new CliException("--enable and --disable contradict each other.");
            }

            bool? enabled = parse.GetValue(enable) ? true : parse.GetValue(disable) ? false : null;
            var password = parse.GetValue(resetPassword) ? LoginCommands.Secret(NewPasswordVariable, "New password") : null;
            using var client = new DemeterApiClient(parse.GetValue(setServer)!);
            var user = await client.PatchJsonAsync($"api/v1/users/{Uri.EscapeDataString(parse.GetValue(setName)!)}", new { role = parse.GetValue(setRole), enabled, password }, ct);
            Console.WriteLine($"{user.GetProperty("username").GetString()}: {user.GetProperty("role").GetString()}, {(user.GetProperty("enabled").GetBoolean() ? "enabled" : "disabled")}.");
            return 0;
        });
        return new Command("user", "Manage users (admins only)") { list, add, set };
    }
}
