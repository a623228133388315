using System.CommandLine;
using Demeter.Cli.Admin;
using Demeter.Cli.Audit;
using Demeter.Cli.Auth;
using Demeter.Cli.Http;
using Demeter.Cli.Layout;
using Demeter.Cli.Models;
using Demeter.Cli.Photos;
using Demeter.Cli.Stock;

var photo = new Command("photo", "Process photos") { PhotoCountCommand.Create(), PhotoUploadCommand.Create(), PhotoGenerateCommand.Create() };
var root = new RootCommand("demeter: operate a Demeter plant-inventory cluster")
{
    AuditCommands.Create(),
    ClusterCommands.Create(),
    NodeCommands.Actor(),
    NodeCommands.Log(),
    ImportCommands.Create(),
    ModelCommands.Create(),
    photo,
    StockCommands.Create(),
    UserCommands.Create(),
};
foreach (var command in LoginCommands.Create())
{
    root.Subcommands.Add(command);
}

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"demeter: {ex.Message}");
    return 1;
}
catch (Demeter.Inference.Detectors.DeviceUnavailableException ex)
{
    await Console.Error.WriteLineAsync($"demeter: {ex.Message}");
    return 1;
}
catch (Demeter.Inference.Detectors.InvalidModelException ex)
{
    await Console.Error.WriteLineAsync($"demeter: the model cannot be used: {ex.Message}");
    return 1;
}
