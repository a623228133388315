using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Demeter.Api.Tests.Recovery;

/// <summary>
/// The README's backup and restore, done as an operator does them while the node runs: SQLite's online backup API or
/// pg_dump, and a copy of the blob store; restored into a new data directory and database, the node comes back with the
/// backup's stock, its photos, and a journal and read model that `audit verify` finds consistent.
/// </summary>
public sealed class BackupRestoreTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_backup_taken_while_the_node_runs_restores_to_the_same_stock_and_verifies(string backend)
    {
        using var backup = new Demeter.TestSupport.TempDirectory("demeter-backup");
        var claros = new[] { Nursery.ClaroAt(70).Id, Nursery.ClaroAt(71).Id };
        Guid session;
        int[] totals;
        await using var source = await HostData.CreateAsync(backend, "backup-source");
        await using (var host = await ApiHost.StartAsync(source))
        {
            using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                await imported.JsonAsync(HttpStatusCode.OK);
            }

            var first = await Ledger.InitAsync(host.Client, claros[0], 120);
            await Ledger.InitAsync(host.Client, claros[1], 80);
            await Ledger.MoveAsync(host.Client, first, "muerte", 7);
            session = await PhotoUploadTests.UploadAsync(host.Client, TrayPhotos.Small(seed: 44), ("storageLocationId", claros[1].ToString(CultureInfo.InvariantCulture)));
            await PhotoUploadTests.WaitFinishedAsync(host.Client, session);
            totals = [.. await Task.WhenAll(claros.Select(async c => (await Ledger.StockAsync(host.Client, c))["total"]!.GetValue<int>()))];

            // The backup, with the node running: the database first, then the blobs (files are written once, never changed).
            if (backend == Backend.Sqlite)
            {
                await using var live = new SqliteConnection($"Data Source={source.SqliteFile}");
                await live.OpenAsync();
                await using var copy = new SqliteConnection($"Data Source={backup.Combine("demeter.db")};Pooling=False");
                await copy.OpenAsync();
                live.BackupDatabase(copy);
            }
            else
            {
                await RunAsync(PgTool("pg_dump"), "-Fc", "-f", backup.Combine("demeter.dump"), "--dbname", Libpq(source.PostgresConnection!));
            }

            CopyDirectory(source.BlobDirectory, backup.Combine("blobs"));

            // Written after the backup: not in what is restored.
            await Ledger.MoveAsync(host.Client, first, "muerte", 5);
        }

        await using var target = await HostData.CreateAsync(backend, "backup-target");
        if (backend == Backend.Sqlite)
        {
            File.Copy(backup.Combine("demeter.db"), target.SqliteFile);
        }
        else
        {
            await RunAsync(PgTool("pg_restore"), "--no-owner", "--dbname", Libpq(target.PostgresConnection!), backup.Combine("demeter.dump"));
        }

        CopyDirectory(backup.Combine("blobs"), target.BlobDirectory);
        await using var restored = await ApiHost.StartAsync(target);
        var verified = await (await restored.Client.GetAsync("/api/v1/audit/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.True(verified["consistent"]!.GetValue<bool>(), verified.ToJsonString());
        Assert.Equal(2, verified["batches"]!.GetValue<int>());
        for (var i = 0; i < claros.Length; i++)
        {
            Assert.Equal(totals[i], (await Ledger.StockAsync(restored.Client, claros[i]))["total"]!.GetValue<int>());
        }

        // The photo came back with its session: its thumbnail and overlay are drawn from the restored blobs.
        using (var thumbnail = await restored.Client.GetAsync($"/api/v1/photo-sessions/{session}/thumbnail"))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }

        using (var overlay = await restored.Client.GetAsync($"/api/v1/photo-sessions/{session}/overlay"))
        {
            Assert.Equal(HttpStatusCode.OK, overlay.StatusCode);
        }

        // And the read model can be made again from the restored journal alone.
        using (var rebuild = await restored.Client.PostAsJsonAsync("/api/v1/audit/rebuild", new { confirm = "rebuild" }))
        {
            Assert.True((await rebuild.JsonAsync(HttpStatusCode.OK))["caughtUp"]!.GetValue<bool>());
        }

        Assert.True((await (await restored.Client.GetAsync("/api/v1/audit/verification")).JsonAsync(HttpStatusCode.OK))["consistent"]!.GetValue<bool>());
        Assert.Equal(totals[0], (await Ledger.StockAsync(restored.Client, claros[0]))["total"]!.GetValue<int>());
    }

    /// <summary>A libpq connection string (what pg_dump and pg_restore take) for an Npgsql one.</summary>
    private static string Libpq(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}" + (string.IsNullOrEmpty(b.Password) ? string.Empty : $" password={b.Password}");
    }

    /// <summary>The PostgreSQL client tool: on PATH, else from the server's installation (where ./build.sh test found it).</summary>
    private static string PgTool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return onPath ?? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", name)).First(File.Exists);
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {await error}");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
