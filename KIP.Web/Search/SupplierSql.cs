using System.Data.Common;
using System.Globalization;
using System.Text;
using KIP.Domain.Organisations;

namespace KIP.Web.Search;

/// <summary>
/// The directory search as SQL on an open connection: FTS5 for text, and "valid today" (rulebook §2) as the date
/// comparison <see cref="ValidToday"/> on the stored validity intervals. Public so the benchmark's direct baseline
/// runs exactly this (bench/KIP.Bench).
/// </summary>
public static class SupplierSql
{
    /// <summary>
    /// <see cref="AcceptedCriterion.IsValidOn"/> as SQL on <c>AcceptedCriteria c</c> for the parameter <c>@today</c>;
    /// held to KIP.Domain day by day over four years by <c>ValidOnSqlSweepTests</c>.
    /// </summary>
    public const string ValidToday = "c.ValidFrom <= @today AND (c.ValidUntil IS NULL OR @today <= c.ValidUntil) AND (c.EndedOn IS NULL OR @today < c.EndedOn)";

    /// <summary>
    /// The SQL part of a search, on an open connection: the total (capped for text) and the ids of the page.
    /// <para>
    /// A text query reads its first <see cref="SupplierQuery.TotalCap"/> + 1 matches once, with their
    /// rank, and both counts and orders those: ranking and sorting tens of thousands of matches of a
    /// broad query (two letters) for a page of 20 is what made it slow (bench/README.md), and its
    /// total is capped at that number anyway. A narrower query (at most the cap) is ranked whole.
    /// </para>
    /// </summary>
    public static async Task<(int Total, bool TotalIsCapped, List<Guid> Ids)> FindIdsAsync(
        DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, SupplierQuery.MaximumPageSize);
        var skip = (Math.Max(1, query.Page) - 1) * pageSize;
        var (from, where, parameters) = Build(query, today);

        if (query.Words.Count == 0)
        {
            var total = Convert.ToInt32(await ScalarAsync(connection, $"SELECT count(*) {from} WHERE {where}", parameters, cancellationToken), CultureInfo.InvariantCulture);
            var ids = await IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {pageSize} OFFSET {skip}", parameters, cancellationToken);
            return (total, false, ids);
        }

        var candidates = new List<(Guid Id, double Rank, string Name, string? RecognisedFrom)>();
        await using (var command = Command(connection, CandidatesSql(query, from, where), parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                candidates.Add((Guid.Parse(reader.GetString(0)), reader.GetDouble(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        var capped = candidates.Count > SupplierQuery.TotalCap;
        var ranked = candidates.Take(SupplierQuery.TotalCap);
        var ordered = query.Sort switch
        {
            SupplierSort.Name => ranked.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
            SupplierSort.RecentlyRecognised => ranked.OrderByDescending(c => c.RecognisedFrom is not null)
                .ThenByDescending(c => c.RecognisedFrom, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
            _ => ranked.OrderBy(c => c.Rank).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
        };
        return (Math.Min(candidates.Count, SupplierQuery.TotalCap), capped, [.. ordered.Skip(skip).Take(pageSize).Select(c => c.Id)]);
    }

    /// <summary>The main query of a search (text: its candidates; otherwise its page), for EXPLAIN QUERY PLAN in the benchmark.</summary>
    public static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) MainSql(SupplierQuery query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, where, parameters) = Build(query, today);
        return (query.Words.Count == 0 ? $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {query.PageSize}" : CandidatesSql(query, from, where), parameters);
    }

    private static string CandidatesSql(SupplierQuery query, string from, string where)
    {
        var recognisedFrom = query.Sort == SupplierSort.RecentlyRecognised
            ? $"(SELECT max(c.ValidFrom) FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {ValidToday})"
            : "NULL";
        return $"SELECT o.Id, s.rank, o.Name, {recognisedFrom} {from} WHERE {where} LIMIT {SupplierQuery.TotalCap + 1}";
    }

    /// <summary>The ids of all rows of a search in order, up to the export limit.</summary>
    public static Task<List<Guid>> AllIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        var (from, where, parameters) = Build(query, today);
        return IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {SupplierQuery.ExportLimit}", parameters, cancellationToken);
    }

    private static (string From, string Where, IReadOnlyList<(string Name, object Value)> Parameters) Build(SupplierQuery query, DateOnly today)
    {
        var parameters = new List<(string, object)> { ("@today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) };
        var where = new StringBuilder("o.AdmissionStatus = 'Admitted'");
        string from;
        if (query.Words.Count > 0)
        {
            // Each word a prefix ("fiets" finds "fietsenmakerij"); all words must match.
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

        AppendListFilter(where, parameters, "p.Categories", "cat", query.Categories);
        AppendListFilter(where, parameters, "p.ImpactThemes", "theme", query.Themes);

        if (query.Criteria.Count > 0)
        {
            var codes = query.Criteria.Select((c, i) =>
            {
                parameters.Add(($"@crit{i}", c.Value));
                return $"@crit{i}";
            });
            where.Append($" AND EXISTS (SELECT 1 FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND c.Code IN ({string.Join(", ", codes)}) AND {ValidToday})");
        }

        if (query.Recognised is { } recognised)
        {
            where.Append(recognised ? " AND " : " AND NOT ").Append($"EXISTS (SELECT 1 FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {ValidToday})");
        }

        return (from, where.ToString(), parameters.AsReadOnly());
    }

    private static void AppendListFilter(StringBuilder where, List<(string, object)> parameters, string column, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var terms = values.Select((v, i) =>
        {
            parameters.Add(($"@{prefix}{i}", v));
            return $"instr(',' || {column} || ',', ',' || @{prefix}{i} || ',') > 0";
        });
        where.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
    }

    private static string OrderBy(SupplierQuery query) => query.Sort switch
    {
        SupplierSort.Relevance when query.Words.Count > 0 => "s.rank, o.Name COLLATE NOCASE",
        SupplierSort.RecentlyRecognised =>
            $"(SELECT max(c.ValidFrom) FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {ValidToday}) DESC NULLS LAST, o.Name COLLATE NOCASE",
        _ => "o.Name COLLATE NOCASE",
    };

    public static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection)
        {
            // This SQL is SQLite's (FTS5); PostgreSQL gets its own behind this seam (issue 15, point 2).
            throw new NotSupportedException(
                "Zoeken in het aanbod werkt nog niet op PostgreSQL (Kip:Database:Provider = Postgres); gebruik SQLite. / "
                + "Searching the directory does not work on PostgreSQL yet; use SQLite.");
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<Guid>> IdsAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }
}
