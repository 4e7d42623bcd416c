using KIP.Web.Data;
using KIP.Web.Data.Postgres;
using KIP.Web.Data.Search;
using KIP.Web.Data.Sqlite;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KIP.Bench;

internal enum BenchProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The benchmark's database: a SQLite file, or a PostgreSQL database (<c>--provider postgres --connection-string ...</c>), with the app's search SQL for that engine.</summary>
internal sealed record BenchDatabase(BenchProvider Provider, string ConnectionString)
{
    public ISupplierSearchSql SearchSql { get; } = Provider == BenchProvider.Postgres ? new PostgresSupplierSearchSql() : new SqliteSupplierSearchSql();

    public KipDbContext NewContext() => Provider == BenchProvider.Postgres
        ? new PostgresKipDbContext(new DbContextOptionsBuilder<PostgresKipDbContext>().UseNpgsql(ConnectionString).Options)
        : new KipDbContext(new DbContextOptionsBuilder<KipDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>A pooled context factory as the app has one, for the in-process path.</summary>
    public ServiceProvider Services()
    {
        var services = new ServiceCollection();
        if (Provider == BenchProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresKipDbContext>(o => o.UseNpgsql(ConnectionString));
            services.AddSingleton<IDbContextFactory<KipDbContext>, PostgresFactory>();
        }
        else
        {
            services.AddPooledDbContextFactory<KipDbContext>(o => o.UseSqlite(ConnectionString));
        }

        return services.BuildServiceProvider();
    }

    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return $"PostgreSQL {connection.PostgreSqlVersion} on {builder.Host}:{builder.Port}, database {builder.Database}";
    }

    private sealed class PostgresFactory(IDbContextFactory<PostgresKipDbContext> inner) : IDbContextFactory<KipDbContext>
    {
        public KipDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
