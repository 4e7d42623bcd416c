using KIP.Web.Data.Postgres;
using KIP.Web.Data.Sqlite;
using KIP.Web.Search;
using KIP.Web.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KIP.Web.Data;

/// <summary>
/// KIP's database through EF Core, by <c>Kip:Database:Provider</c> (<see cref="KipDatabaseOptions"/>): SQLite by default
/// (connection string <c>Kip:Database:ConnectionString</c>, else <c>ConnectionStrings:Kip</c>, else a file in the data
/// folder beside the app), or PostgreSQL (docs/decisions/015-postgresql.md).
/// </summary>
public static class StorageSetup
{
    public static IServiceCollection AddKipStorage(this IServiceCollection services, KipOptions kip, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataFolder = DataFolder(kip, environment);
        var database = KipSettings.Bind<KipDatabaseOptions>(configuration);
        services.AddSingleton(new KipDataFolder(dataFolder));
        services.AddSingleton(new KipDatabase(database.Provider));
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = database.ConnectionString;
            services.AddPooledDbContextFactory<PostgresKipDbContext>(options => options.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<KipDbContext>, PostgresContextFactory>();
            services.AddSingleton<ISupplierSearchSql, PostgresSupplierSearchSql>();
            services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContext());
        }
        else
        {
            var connectionString = database.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = configuration.GetConnectionString("Kip");
            }

            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = SqliteStorage.DefaultConnectionString(dataFolder);
            }

            services.AddPooledDbContextFactory<KipDbContext>(options => options.UseSqlite(connectionString));
            services.AddSingleton<ISupplierSearchSql, SqliteSupplierSearchSql>();
        }

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

    /// <summary>
    /// Applies the provider's migrations (never EnsureCreated; PostgreSQL creates the database when it is missing), on
    /// SQLite switches on WAL, and seeds demo data in Development.
    /// </summary>
    public static async Task MigrateKipDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var sqlite = db.Database.IsSqlite();
            if (sqlite)
            {
                SqliteStorage.EnsureFolder(db);
            }

            await db.Database.MigrateAsync(cancellationToken);
            if (sqlite)
            {
                await SqliteStorage.AfterMigrationsAsync(db, cancellationToken);
            }
            else
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await PostgresSupplierSearchIndex.SyncNamesAsync(db.Database.GetDbConnection(), cancellationToken);
            }
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

/// <summary>The database engine this instance runs on (<c>Kip:Database:Provider</c>), for the parts that differ by engine.</summary>
public sealed record KipDatabase(DatabaseProvider Provider);
