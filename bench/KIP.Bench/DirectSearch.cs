using System.Data.Common;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KIP.Bench;

/// <summary>
/// The direct baseline: exactly the SQL part of <see cref="SupplierSearch"/>
/// (<see cref="ISupplierSearchSql.FindIdsAsync"/> of the engine: the capped count and the page's ids) on one open
/// connection to the same database — no EF, no items, no HTTP.
/// </summary>
internal sealed class DirectSearch(BenchDatabase database) : IDisposable
{
    private readonly DbConnection _connection = Open(database);

    public (int Total, bool Capped, List<string> Ids) Search(SupplierQuery query, DateOnly today)
    {
        var (total, capped, ids) = database.SearchSql.FindIdsAsync(_connection, query, today).GetAwaiter().GetResult();
        return (total, capped, [.. ids.Select(id => id.ToString().ToUpperInvariant())]);
    }

    /// <summary>The engine's plan of the main query, one line per step.</summary>
    public IEnumerable<string> Plan(SupplierQuery query, DateOnly today) =>
        database.SearchSql.PlanAsync(_connection, query, today).GetAwaiter().GetResult();

    public void Dispose() => _connection.Dispose();

    private static DbConnection Open(BenchDatabase database)
    {
        DbConnection connection = database.Provider == BenchProvider.Postgres
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }
}
