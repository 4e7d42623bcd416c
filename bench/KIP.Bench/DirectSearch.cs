using System.Data.Common;
using KIP.Web.Search;
using Microsoft.Data.Sqlite;

namespace KIP.Bench;

/// <summary>
/// The direct baseline: exactly the SQL part of <see cref="SupplierSearch"/>
/// (<see cref="SupplierSql.FindIdsAsync"/>: the capped count and the page's ids) on one open
/// Microsoft.Data.Sqlite connection to the same file — no EF, no items, no HTTP.
/// </summary>
internal sealed class DirectSearch(string connectionString) : IDisposable
{
    private readonly SqliteConnection _connection = Open(connectionString);

    public (int Total, bool Capped, List<string> Ids) Search(SupplierQuery query, DateOnly today)
    {
        var (total, capped, ids) = SupplierSql.FindIdsAsync(_connection, query, today).GetAwaiter().GetResult();
        return (total, capped, [.. ids.Select(id => id.ToString().ToUpperInvariant())]);
    }

    /// <summary>EXPLAIN QUERY PLAN of the main query, one line per step.</summary>
    public IEnumerable<string> Plan(SupplierQuery query, DateOnly today)
    {
        var (sql, parameters) = SupplierSql.MainSql(query, today);
        using DbCommand command = SupplierSql.Command(_connection, "EXPLAIN QUERY PLAN " + sql, parameters);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
