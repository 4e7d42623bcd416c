using KIP.Web.Data.Postgres;
using KIP.Web.Data.Search;
using KIP.Web.Data.Sqlite;
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
    /// <summary>The header <c>/health</c> names the answering instance in, when <c>Kip:InstanceName</c> is set.</summary>
    public const string InstanceHeader = "X-Kip-Instance";

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
        // Behind a proxy with several instances, Kip:InstanceName says which one answered (header X-Kip-Instance).
        var instance = kip.InstanceName;
        services.Configure<HealthCheckOptions>(options => options.ResponseWriter = (http, report) =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            if (!string.IsNullOrWhiteSpace(instance))
            {
                http.Response.Headers[InstanceHeader] = instance;
            }

            return http.Response.WriteAsync(report.Status.ToString());
        });
        return services;
    }

    /// <summary>Where the SQLite database, uploads and mail pickup live: <c>Kip:DataFolder</c>, relative to the app, default <c>data</c>.</summary>
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
    /// SQLite switches on WAL, seeds demo data (<c>Kip:DemoData</c>, default in Development), and then runs
    /// <paramref name="thenUnderTheLock"/> (e.g. making the shared keys). On PostgreSQL all of it happens under one advisory
    /// lock (<see cref="PostgresMigrationLock"/>), so two instances or <c>migrate</c> steps starting together do it once;
    /// on SQLite EF Core's own migration lock (<c>__EFMigrationsLock</c>) covers the migrations.
    /// </summary>
    public static Task MigrateKipDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateKipDatabaseAsync(null, cancellationToken);

    /// <inheritdoc cref="MigrateKipDatabaseAsync(IServiceProvider, CancellationToken)"/>
    public static async Task MigrateKipDatabaseAsync(this IServiceProvider services, Func<Task>? thenUnderTheLock, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("KIP.Web.Data.Migrations");
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var sqlite = db.Database.IsSqlite();
            await using var migrationLock = sqlite ? null : await PostgresMigrationLock.AcquireAsync(db.Database.GetConnectionString()!, logger, cancellationToken);
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

            var environment = services.GetRequiredService<IHostEnvironment>();
            if (services.GetRequiredService<IOptions<KipOptions>>().Value.DemoData ?? environment.IsDevelopment())
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedIfEmptyAsync(cancellationToken);
                await ActivatorUtilities.CreateInstance<Sroi.SroiDemoData>(scope.ServiceProvider).SeedAsync(cancellationToken);
            }

            if (thenUnderTheLock is not null)
            {
                await thenUnderTheLock();
            }
        }
    }

    /// <summary>
    /// For an instance that does not migrate at start (<c>Kip:Database:MigrateAtStart=false</c>): refuses to start, naming
    /// the <c>migrate</c> step, when the database cannot be reached or still lacks migrations.
    /// </summary>
    public static async Task RequireMigratedDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        const string Step = "Voer eerst 'dotnet KIP.Web.dll migrate' uit (of zet Kip:Database:MigrateAtStart=true). / Run 'dotnet KIP.Web.dll migrate' first.";
        await using var db = await services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync(cancellationToken);
        List<string> pending;
        try
        {
            pending = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }
        catch (System.Data.Common.DbException e)
        {
            throw new InvalidOperationException($"KIP start niet: de database is niet bereikbaar of niet aangemaakt ({e.Message}). {Step}", e);
        }

        if (pending.Count > 0)
        {
            throw new InvalidOperationException($"KIP start niet: de database mist {pending.Count} migratie(s), waaronder {pending[0]}. {Step}");
        }
    }
}

/// <summary>The folder that holds the SQLite database, uploaded files and the mail pickup folder.</summary>
public sealed record KipDataFolder(string Path);

/// <summary>The database engine this instance runs on (<c>Kip:Database:Provider</c>), for the parts that differ by engine.</summary>
public sealed record KipDatabase(DatabaseProvider Provider);
