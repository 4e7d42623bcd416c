using System.Globalization;
using System.Text;
using KIP.Web.Search;
using Microsoft.Data.Sqlite;

namespace KIP.Bench;

/// <summary>
/// The direct baseline: the SQL that <see cref="SupplierSearch"/> runs for a page of results (the
/// capped count and the page's ids, relevance order), on one open Microsoft.Data.Sqlite connection
/// to the same file. Kept textually equal to SupplierSearch.Build for the shapes of the query mix.
/// </summary>
internal sealed class DirectSearch(string connectionString) : IDisposable
{
    private const string ValidToday = "c.ValidFrom <= @today AND (c.ValidUntil IS NULL OR @today <= c.ValidUntil) AND (c.EndedOn IS NULL OR @today < c.EndedOn)";

    private readonly SqliteConnection _connection = Open(connectionString);

    public (int Total, bool Capped, List<string> Ids) Search(SupplierQuery query, DateOnly today)
    {
        var (from, where, parameters) = Build(query, today);
        var capped = query.Words.Count > 0;
        var countSql = capped
            ? $"SELECT count(*) FROM (SELECT 1 {from} WHERE {where} LIMIT {SupplierQuery.TotalCap + 1})"
            : $"SELECT count(*) {from} WHERE {where}";
        using var count = Command(countSql, parameters);
        var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);

        var orderBy = query.Words.Count > 0 ? "s.rank, o.Name COLLATE NOCASE" : "o.Name COLLATE NOCASE";
        using var page = Command($"SELECT o.Id {from} WHERE {where} ORDER BY {orderBy} LIMIT {query.PageSize} OFFSET {(query.Page - 1) * query.PageSize}", parameters);
        using var reader = page.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return (Math.Min(total, SupplierQuery.TotalCap), capped && total > SupplierQuery.TotalCap, ids);
    }

    /// <summary>EXPLAIN QUERY PLAN of the page query, one line per step.</summary>
    public IEnumerable<string> Plan(SupplierQuery query, DateOnly today)
    {
        var (from, where, parameters) = Build(query, today);
        using var command = Command($"EXPLAIN QUERY PLAN SELECT o.Id {from} WHERE {where} ORDER BY s.rank, o.Name COLLATE NOCASE LIMIT {query.PageSize}", parameters);
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

    private static (string From, string Where, List<(string Name, object Value)> Parameters) Build(SupplierQuery query, DateOnly today)
    {
        var parameters = new List<(string, object)> { ("@today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) };
        var where = new StringBuilder("o.AdmissionStatus = 'Admitted'");
        string from;
        if (query.Words.Count > 0)
        {
            var match = string.Join(' ', query.Words.Select(w => $"\"{w.Replace("\"", string.Empty, StringComparison.Ordinal)}\"*"));
            parameters.Add(("@match", match));
            from = "FROM SupplierSearch s JOIN OrganisationProfiles p ON p.rowid = s.rowid JOIN Organisations o ON o.Id = p.OrganisationId";
            where.Append(" AND SupplierSearch MATCH @match");
        }
        else
        {
            from = "FROM Organisations o JOIN OrganisationProfiles p ON p.OrganisationId = o.Id";
        }

        if (query.Municipalities.Count > 0)
        {
            var terms = query.Municipalities.Select((m, i) =>
            {
                parameters.Add(($"@m{i}", m.Code));
                return $"o.EstablishedIn = @m{i} OR instr(',' || o.WorksIn || ',', ',' || @m{i} || ',') > 0";
            });
            where.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
        }

        if (query.Categories.Count > 0)
        {
            var terms = query.Categories.Select((v, i) =>
            {
                parameters.Add(($"@cat{i}", v));
                return $"instr(',' || p.Categories || ',', ',' || @cat{i} || ',') > 0";
            });
            where.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
        }

        if (query.Recognised is { } recognised)
        {
            where.Append(recognised ? " AND " : " AND NOT ").Append($"EXISTS (SELECT 1 FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {ValidToday})");
        }

        return (from, where.ToString(), parameters);
    }

    private SqliteCommand Command(string sql, List<(string Name, object Value)> parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
