using KIP.Web.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KIP.Web.Data;

/// <summary>SQLite through EF Core: connection string <c>Kip</c>, by default a file in the data folder beside the app.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddKipStorage(this IServiceCollection services, KipOptions kip, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataFolder = DataFolder(kip, environment);
        var connectionString = configuration.GetConnectionString("Kip");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(dataFolder, "kip.db"),
                Cache = SqliteCacheMode.Default,
                DefaultTimeout = 30,
            }.ToString();
        }

        services.AddSingleton(new KipDataFolder(dataFolder));
        services.AddPooledDbContextFactory<KipDbContext>(options => options.UseSqlite(connectionString));
        services.AddScoped<DemoData>();

        // /health (the database check): its plain-text answer names its charset, as every text response does (ASVS 5.0 V4.1.1).
        services.Configure<HealthCheckOptions>(options => options.ResponseWriter = (http, report) =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(report.Status.ToString());
        });
        return services;
    }

    /// <summary>Where the database, keys and uploads live: <c>Kip:DataFolder</c>, relative to the app, default <c>data</c>.</summary>
    public static string DataFolder(KipOptions kip, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(kip);
        ArgumentNullException.ThrowIfNull(environment);
        var full = Path.GetFullPath(Path.Combine(environment.ContentRootPath, kip.DataFolder));
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KipSettingsException([$"{KipOptions.Section}:{nameof(KipOptions.DataFolder)} = '{kip.DataFolder}': de map {full} kan niet worden aangemaakt ({e.Message}). / the folder {full} cannot be created."]);
        }

        return full;
    }

    /// <summary>Applies migrations (never EnsureCreated), switches on WAL and seeds demo data in Development.</summary>
    public static async Task MigrateKipDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await SupplierSearchIndex.SyncNamesAsync(db.Database.GetDbConnection(), cancellationToken);
            await db.Database.CloseConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var environment = services.GetRequiredService<IHostEnvironment>();
        if (services.GetRequiredService<IOptions<KipOptions>>().Value.DemoData ?? environment.IsDevelopment())
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(cancellationToken);
            await ActivatorUtilities.CreateInstance<Sroi.SroiDemoData>(scope.ServiceProvider).SeedAsync(cancellationToken);
        }
    }
}

/// <summary>The folder that holds the database, keys and uploaded files.</summary>
public sealed record KipDataFolder(string Path);
