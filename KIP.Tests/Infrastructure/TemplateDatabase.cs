using System.Collections.Concurrent;
using KIP.Domain;
using KIP.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// The database every app of a test run starts on, made once per run instead of once per app: KIP.Web's own
/// <see cref="StorageSetup.MigrateKipDatabaseAsync"/> (migrations, then the Development demo data) on a file in a
/// temporary folder, which each test then copies into its own data folder before the app starts. KIP.Web finds the
/// copy up to date (no pending migration, demo data present) and goes on at once; what it does on every start
/// (WAL, the search index's names, the OIDC client) it still does, as before.
/// <para>
/// The demo data's dates are relative to today (Europe/Amsterdam), so there is one template per day a test asks for;
/// an app whose seed would differ (no demo data, another environment or database, a clock on another day) does not
/// use the template and seeds itself as before. <see cref="Schema"/> is the same without demo data.
/// </para>
/// </summary>
public static class TemplateDatabase
{
    private const string FileName = "kip.db";

    private static readonly ConcurrentDictionary<(bool Demo, DateOnly Day), Lazy<string>> Templates = new();

    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("kip-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KipAppFactory.TryDelete(root);
        return root;
    });

    /// <summary>The migrated database with the demo data as seeded on <paramref name="day"/> (default: today in Amsterdam).</summary>
    public static string WithDemoData(DateOnly? day = null) => Get(demo: true, day ?? AmsterdamCalendar.Today(TimeProvider.System));

    /// <summary>The migrated database without any data (what a fresh production start makes).</summary>
    public static string Schema() => Get(demo: false, default);

    /// <summary>Copies the template into <paramref name="dataFolder"/> as its <c>kip.db</c>, unless that folder has a database already.</summary>
    public static void CopyInto(string dataFolder, string template)
    {
        var target = Path.Combine(dataFolder, FileName);
        if (!File.Exists(target))
        {
            File.Copy(template, target);
        }
    }

    private static string Get(bool demo, DateOnly day) =>
        Templates.GetOrAdd((demo, day), key => new Lazy<string>(() => Build(key.Demo, key.Day), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string Build(bool demo, DateOnly day)
    {
        var folder = Path.Combine(Root.Value, demo ? $"demo-{day:yyyy-MM-dd}" : "schema");
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kip:DataFolder"] = folder,
            ["Kip:DemoData"] = demo ? "true" : "false",
        }).Build();
        var environment = new TemplateEnvironment(folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton<TimeProvider>(demo ? Clock(day) : TimeProvider.System);
        services.AddKipStorage(configuration, environment);

        // Off the test's synchronization context: fixtures are built in constructors too.
        Task.Run(async () =>
        {
            await using var provider = services.BuildServiceProvider();
            await provider.MigrateKipDatabaseAsync();
            await using var db = await provider.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
            var connection = db.Database.GetConnectionString();

            // Everything into the main file, so a plain copy of it is the whole database.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            SqliteConnection.ClearPool(new SqliteConnection(connection));
        }).GetAwaiter().GetResult();

        var template = Path.Combine(folder, FileName);
        var wal = template + "-wal";
        if (File.Exists(wal) && new FileInfo(wal).Length > 0)
        {
            throw new InvalidOperationException($"The template {template} still has a write-ahead log.");
        }

        return template;
    }

    /// <summary>Now, unless now is no longer <paramref name="day"/> in Amsterdam (a run past midnight): then noon of that day.</summary>
    private static FakeTimeProvider Clock(DateOnly day)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (AmsterdamCalendar.Today(TimeProvider.System) != day)
        {
            var noon = day.ToDateTime(new TimeOnly(12, 0));
            now = new DateTimeOffset(noon, AmsterdamCalendar.Zone.GetUtcOffset(noon));
        }

        return new FakeTimeProvider(now);
    }

    private sealed class TemplateEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "KIP.Web";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
