using System.Diagnostics;
using System.Text;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Data;

/// <summary>
/// <c>dotnet KIP.Web.dll migrate</c>, the explicit step before several instances start (docs/decisions/016-several-servers.md):
/// it migrates, seeds and makes the shared keys, then exits 0; two at once on one fresh PostgreSQL database both succeed
/// and do everything once (the advisory lock); a failure is one clear message and a non-zero exit; an instance with
/// <c>Kip:Database:MigrateAtStart=false</c> does not migrate and refuses an unmigrated database naming the step.
/// </summary>
public sealed class MigrateStepTests
{
    private static readonly string[] Counted = ["Persons", "Organisations", "SeatTerms", "Meetings", "Applications", "SroiContracts", "ProviderKeys", "DataProtectionKeys"];

    [Fact]
    public async Task Two_migrate_steps_at_once_on_one_fresh_PostgreSQL_database_both_succeed_and_everything_is_there_once()
    {
        var racing = PostgresServer.NewDatabaseName("racing");
        var single = PostgresServer.NewDatabaseName("single");

        var results = await Task.WhenAll(MigrateAsync(racing), MigrateAsync(racing), MigrateAsync(single));

        Assert.All(results, r => Assert.True(r.Exit == 0, $"migrate exited {r.Exit}:\n{r.Output}"));
        await using var raced = Context(racing);
        await using var once = Context(single);
        var applied = (await raced.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(raced.Database.GetMigrations(), applied);
        Assert.Empty(await raced.Database.GetPendingMigrationsAsync());
        foreach (var table in Counted)
        {
            var racedCount = await CountAsync(raced, table);
            Assert.True(racedCount > 0, $"{table} is empty after migrate");
            Assert.Equal((table, await CountAsync(once, table)), (table, racedCount));
        }

        Assert.Equal(2, await CountAsync(raced, "ProviderKeys"));
        Assert.Equal(1, await CountAsync(raced, "DataProtectionKeys"));
    }

    [Fact]
    public async Task A_migrate_step_that_cannot_reach_its_database_says_so_and_exits_non_zero()
    {
        var nowhere = $"Host=127.0.0.1;Port={KipAppFactory.FreePort()};Username=kip;Database=kip;Timeout=5";

        var (exit, output) = await MigrateAsync(connectionString: nowhere);

        Assert.NotEqual(0, exit);
        Assert.Contains("KIP migrate mislukt / failed", output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_that_does_not_migrate_at_start_refuses_an_unmigrated_database_naming_the_step_and_starts_after_it()
    {
        var database = PostgresServer.NewDatabaseName("nomigrate");
        var settings = new Dictionary<string, string>
        {
            ["Kip__Database__Provider"] = "Postgres",
            ["Kip__Database__ConnectionString"] = PostgresServer.ConnectionString(database),
            ["Kip__Database__MigrateAtStart"] = "false",
        };

        await using (var unmigrated = new AppProcess(settings))
        {
            Assert.NotEqual(0, await unmigrated.RunToExitAsync(TimeSpan.FromMinutes(2)));
            Assert.Contains("dotnet KIP.Web.dll migrate", unmigrated.Output, StringComparison.Ordinal);
        }

        var (exit, output) = await MigrateAsync(database);
        Assert.True(exit == 0, output);

        await using var instance = new AppProcess(settings);
        await instance.StartAsync(TimeSpan.FromMinutes(2));
        using var client = new HttpClient { BaseAddress = new Uri(instance.BaseUrl) };
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
    }

    private static PostgresKipDbContext Context(string database) =>
        new(new DbContextOptionsBuilder<PostgresKipDbContext>().UseNpgsql(PostgresServer.ConnectionString(database)).Options);

    // The table names come from the fixed list above, never from input.
#pragma warning disable EF1003
    private static async Task<int> CountAsync(KipDbContext db, string table) =>
        await db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM \"" + table + "\"").SingleAsync();
#pragma warning restore EF1003

    /// <summary>Runs <c>dotnet KIP.Web.dll migrate</c> as an operator would (Production, demo data on) and answers its exit code and output.</summary>
    private static async Task<(int Exit, string Output)> MigrateAsync(string? database = null, string? connectionString = null)
    {
        var root = AppProcess.SolutionRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var contentRoot = Path.Combine(root, "KIP.Web");
        var dataFolder = Directory.CreateTempSubdirectory("kip-migrate-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["exec", Path.Combine(contentRoot, "bin", configuration, "net10.0", "KIP.Web.dll"), "migrate", "--contentRoot", contentRoot])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kip__Auth__AllowDemoAccounts"] = "true";
        start.Environment["Kip__DemoData"] = "true";
        start.Environment["Kip__DataFolder"] = dataFolder;
        start.Environment["Kip__Database__Provider"] = "Postgres";
        start.Environment["Kip__Database__ConnectionString"] = connectionString ?? PostgresServer.ConnectionString(database!);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        KipAppFactory.TryDelete(dataFolder);
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
