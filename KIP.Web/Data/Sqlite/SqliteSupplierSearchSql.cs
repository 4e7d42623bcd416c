using System.Data.Common;
using System.Globalization;
using System.Text;
using KIP.Domain.Organisations;
using KIP.Web.Data.Search;

namespace KIP.Web.Data.Sqlite;

/// <summary>
/// The directory search on SQLite: FTS5 (<see cref="SupplierSearchIndex"/>) for text, bm25 as FTS5's own
/// <c>rank</c>, and "valid today" (rulebook §2) as the date comparison <see cref="ValidToday"/> on the stored
/// validity intervals. Public so the benchmark's direct baseline runs exactly this (bench/KIP.Bench).
/// </summary>
public sealed class SqliteSupplierSearchSql : SupplierSearchSql
{
    /// <summary>
    /// <see cref="AcceptedCriterion.IsValidOn"/> as SQL on <c>AcceptedCriteria c</c> for the parameter <c>@today</c>;
    /// held to KIP.Domain day by day over four years by <c>ValidOnSqlSweepTests</c>.
    /// </summary>
    public const string ValidToday = "c.ValidFrom <= @today AND (c.ValidUntil IS NULL OR @today <= c.ValidUntil) AND (c.EndedOn IS NULL OR @today < c.EndedOn)";

    protected override async Task<int> CountAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var (from, where, parameters) = Build(query, today);
        await using var command = Command(connection, $"SELECT count(*) {from} WHERE {where}", parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    protected override Task<List<Guid>> PageAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, int offset, CancellationToken cancellationToken)
    {
        var (from, where, parameters) = Build(query, today);
        return IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {limit} OFFSET {offset}", parameters, cancellationToken);
    }

    protected override async Task<List<SupplierCandidate>> CandidatesAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, CancellationToken cancellationToken)
    {
        var (from, where, parameters) = Build(query, today);
        var candidates = new List<SupplierCandidate>();
        await using var command = Command(connection, CandidatesSql(query, from, where, limit), parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new SupplierCandidate(
                Guid.Parse(reader.GetString(0)),
                reader.GetDouble(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return candidates;
    }

    public override Task<List<Guid>> AllIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, where, parameters) = Build(query, today);
        return IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {SupplierQuery.ExportLimit}", parameters, cancellationToken);
    }

    /// <summary>EXPLAIN QUERY PLAN of the main query (text: its candidates; otherwise its page), one line per step.</summary>
    public override async Task<IReadOnlyList<string>> PlanAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, where, parameters) = Build(query, today);
        var sql = query.Words.Count == 0
            ? $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {query.PageSize}"
            : CandidatesSql(query, from, where, SupplierQuery.TotalCap + 1);
        await using var command = Command(connection, "EXPLAIN QUERY PLAN " + sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    private static string CandidatesSql(SupplierQuery query, string from, string where, int limit)
    {
        var recognisedFrom = query.Sort == SupplierSort.RecentlyRecognised
            ? $"(SELECT max(c.ValidFrom) FROM AcceptedCriteria c WHERE c.OrganisationId = o.Id AND {ValidToday})"
            : "NULL";
        return $"SELECT o.Id, s.rank, o.Name, {recognisedFrom} {from} WHERE {where} LIMIT {limit}";
    }

    private static (string From, string Where, IReadOnlyList<(string Name, object Value)> Parameters) Build(SupplierQuery query, DateOnly today)
    {
        var parameters = new List<(string, object)> { ("@today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) };
        var text = query.Words.Count > 0;
        var where = new StringBuilder(text ? "o.Admitted = 1" : "o.AdmissionStatus = 'Admitted'");
        string from;
        if (text)
        {
            // Each word a prefix ("fiets" finds "fietsenmakerij"); all words must match. The filters are probes in
            // the indexed tables of SupplierSearchFilters (o is its row table: Id, Name, Admitted), not the profile.
            var match = string.Join(' ', query.Words.Select(w => $"\"{w.Replace("\"", string.Empty, StringComparison.Ordinal)}\"*"));
            parameters.Add(("@match", match));
            from = $"FROM SupplierSearch s JOIN {SupplierSearchFilters.RowsTable} o ON o.RowId = s.rowid";
            where.Append(" AND SupplierSearch MATCH @match");
            AppendFacet(where, parameters, "municipality", "m", query.Municipalities.Select(m => m.Code).ToList());
            AppendFacet(where, parameters, "category", "cat", query.Categories);
            AppendFacet(where, parameters, "theme", "theme", query.Themes);
        }
        else
        {
            from = "FROM Organisations o JOIN OrganisationProfiles p ON p.OrganisationId = o.Id";
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
        }

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

    private static void AppendFacet(StringBuilder where, List<(string, object)> parameters, string kind, string prefix, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var codes = values.Select((v, i) =>
        {
            parameters.Add(($"@{prefix}{i}", v));
            return $"@{prefix}{i}";
        });
        where.Append($" AND EXISTS (SELECT 1 FROM {SupplierSearchFilters.FacetsTable} f WHERE f.Kind = '{kind}' AND f.Code IN ({string.Join(", ", codes)}) AND f.RowId = s.rowid)");
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

    private static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection)
        {
            throw new NotSupportedException($"{nameof(SqliteSupplierSearchSql)} needs a SQLite connection, not {connection.GetType().Name}.");
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
