using System.Data.Common;
using System.Globalization;
using System.Text;
using KIP.Domain.Organisations;
using KIP.Web.Data.Search;

namespace KIP.Web.Data.Postgres;

/// <summary>
/// The directory search on PostgreSQL (<see cref="PostgresSupplierSearchIndex"/>), answering as SQLite's FTS5 does:
/// each word a prefix of a word (<c>tsquery</c> <c>:*</c>), accent-blind, all words must match; bm25 computed exactly as
/// FTS5's <c>bm25()</c> does (k1 1.2, b 0.75, the IDF clamped at 1e-6), from each match's word counts and the index's
/// totals; the first 1,001 matches taken in the order the profiles were added; names sorted as SQLite's NOCASE.
/// Public so the benchmark's direct baseline runs exactly this (bench/KIP.Bench).
/// </summary>
public sealed class PostgresSupplierSearchSql : SupplierSearchSql
{
    /// <summary><see cref="AcceptedCriterion.IsValidOn"/> as SQL on <c>"AcceptedCriteria" c</c> for <c>@today</c> (a date); held to KIP.Domain by <c>ValidOnSqlSweepTests</c>.</summary>
    public const string ValidToday = """c."ValidFrom" <= @today AND (c."ValidUntil" IS NULL OR @today <= c."ValidUntil") AND (c."EndedOn" IS NULL OR @today < c."EndedOn")""";

    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly string NameOrder = PostgresSupplierSearchIndex.NameNoCase("o.\"Name\"") + ", o.\"Id\"";

    private static readonly string LatestRecognition = $"""(SELECT max(c."ValidFrom") FROM "AcceptedCriteria" c WHERE c."OrganisationId" = o."Id" AND {ValidToday})""";

    protected override async Task<int> CountAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var (from, where, parameters) = Build(query, today, null);
        await using var command = Command(connection, $"SELECT count(*) {from} WHERE {where}", parameters);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    protected override Task<List<Guid>> PageAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, int offset, CancellationToken cancellationToken)
    {
        var (from, where, parameters) = Build(query, today, null);
        return IdsAsync(connection, $"SELECT o.\"Id\" {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {limit} OFFSET {offset}", parameters, cancellationToken);
    }

    protected override async Task<List<SupplierCandidate>> CandidatesAsync(DbConnection connection, SupplierQuery query, DateOnly today, int limit, CancellationToken cancellationToken)
    {
        var text = await TextAsync(connection, query, cancellationToken);
        return text is null ? [] : await CandidatesAsync(connection, query, today, text, limit, cancellationToken);
    }

    public override async Task<List<Guid>> AllIdsAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Words.Count == 0)
        {
            return await PageAsync(connection, query, today, SupplierQuery.ExportLimit, 0, cancellationToken);
        }

        // Every match ranked (SQLite: ORDER BY rank, name NOCASE over all matches), then the first rows.
        var text = await TextAsync(connection, query, cancellationToken);
        if (text is null)
        {
            return [];
        }

        var all = await CandidatesAsync(connection, query, today, text, null, cancellationToken);
        IEnumerable<SupplierCandidate> ordered = query.Sort switch
        {
            SupplierSort.Name => all.OrderBy(c => c.Name, NoCase.Instance),
            SupplierSort.RecentlyRecognised => all.OrderByDescending(c => c.RecognisedFrom is not null)
                .ThenByDescending(c => c.RecognisedFrom).ThenBy(c => c.Name, NoCase.Instance),
            _ => all.OrderBy(c => c.Rank).ThenBy(c => c.Name, NoCase.Instance),
        };
        return [.. ordered.Take(SupplierQuery.ExportLimit).Select(c => c.Id)];
    }

    /// <summary>EXPLAIN of the main query (text: its candidates; otherwise its page), one line per step.</summary>
    public override async Task<IReadOnlyList<string>> PlanAsync(DbConnection connection, SupplierQuery query, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql;
        IReadOnlyList<(string, object)> parameters;
        if (query.Words.Count == 0)
        {
            (var from, var where, parameters) = Build(query, today, null);
            sql = $"SELECT o.\"Id\" {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {query.PageSize}";
        }
        else
        {
            var text = await TextAsync(connection, query, cancellationToken) ?? throw new InvalidOperationException("No words to search.");
            (sql, parameters) = CandidatesSql(query, today, text, SupplierQuery.TotalCap + 1);
        }

        await using var command = Command(connection, "EXPLAIN " + sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>
    /// The searched words as the index holds words (one round trip): the <c>tsquery</c> text, each word's last word
    /// as a prefix (its hits), bm25's totals and IDFs. Null when a word has no letter or digit left.
    /// </summary>
    private static async Task<SearchText?> TextAsync(DbConnection connection, SupplierQuery query, CancellationToken cancellationToken)
    {
        var words = query.Words;
        var parameters = words.Select((w, i) => ($"@w{i}", (object)w)).ToList();
        var normalised = new string[words.Count];
        long rows, total;
        await using (var command = Command(
            connection,
            $"SELECT {string.Join(", ", words.Select((_, i) => $"{PostgresSupplierSearchIndex.TextFunction}(@w{i})"))}, st.\"Rows\", st.\"Words\" FROM \"SupplierSearchStats\" st WHERE st.\"Id\" = 1",
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The search index has no totals row (migration DirectorySearch).");
            }

            for (var i = 0; i < words.Count; i++)
            {
                normalised[i] = reader.GetString(i);
            }

            rows = reader.GetInt64(words.Count);
            total = reader.GetInt64(words.Count + 1);
        }

        if (normalised.Any(string.IsNullOrEmpty))
        {
            return null;
        }

        // FTS5: "word"* is a phrase whose last token is a prefix; a word is one token unless unaccent split it.
        var tokens = normalised.Select(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var phrases = tokens.Select(t => string.Join(" <-> ", t) + ":*").ToArray();
        var prefixes = tokens.Select(t => t[^1]).ToArray();
        var idf = new double[words.Count];
        Array.Fill(idf, 1e-6);
        if (words.Count > 1 && rows > 0)
        {
            // Only relative IDFs change an order, so one word needs none. A word in half the rows or more has the clamped IDF: count no further.
            var half = (rows + 1) / 2;
            var counts = string.Join(", ", phrases.Select((_, i) =>
                $"(SELECT count(*) FROM (SELECT 1 FROM \"SupplierSearch\" x WHERE x.\"Document\" @@ to_tsquery('simple', @q{i}) LIMIT {half}) h)"));
            await using var command = Command(connection, $"SELECT {counts}", [.. phrases.Select((p, i) => ($"@q{i}", (object)p))]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            for (var i = 0; i < words.Count; i++)
            {
                var hits = reader.GetInt64(i);
                var value = Math.Log((rows - hits + 0.5) / (hits + 0.5));
                idf[i] = value <= 0.0 ? 1e-6 : value;
            }
        }

        return new SearchText(string.Join(" & ", phrases), prefixes, idf, rows == 0 ? 1.0 : (double)total / rows);
    }

    private static async Task<List<SupplierCandidate>> CandidatesAsync(
        DbConnection connection, SupplierQuery query, DateOnly today, SearchText text, int? limit, CancellationToken cancellationToken)
    {
        var (sql, parameters) = CandidatesSql(query, today, text, limit);
        var candidates = new List<SupplierCandidate>();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var n = text.Prefixes.Count;
        while (await reader.ReadAsync(cancellationToken))
        {
            // bm25 as FTS5 computes it (fts5_aux.c), in the same order of operations, so equal inputs give equal ranks.
            double length = reader.GetInt32(1);
            var score = 0.0;
            for (var i = 0; i < n; i++)
            {
                double frequency = reader.GetInt32(2 + i);
                score += text.Idf[i] * ((frequency * (K1 + 1.0)) / (frequency + (K1 * (1 - B + (B * length / text.AverageLength)))));
            }

            candidates.Add(new SupplierCandidate(
                reader.GetGuid(0),
                -1.0 * score,
                reader.GetString(2 + n),
                reader.IsDBNull(3 + n) ? null : reader.GetFieldValue<DateOnly>(3 + n)));
        }

        return candidates;
    }

    private static (string Sql, IReadOnlyList<(string Name, object Value)> Parameters) CandidatesSql(SupplierQuery query, DateOnly today, SearchText text, int? limit)
    {
        var (from, where, parameters) = Build(query, today, text);
        var hits = string.Join(", ", text.Prefixes.Select((_, i) =>
            $"(SELECT coalesce(sum(cardinality(l.positions)), 0) FROM unnest(s.\"Document\") l WHERE starts_with(l.lexeme, @p{i}))::integer"));
        var recognisedFrom = query.Sort == SupplierSort.RecentlyRecognised ? LatestRecognition : "NULL::date";
        var sql = $"SELECT o.\"Id\", s.\"Words\", {hits}, o.\"Name\", {recognisedFrom} {from} WHERE {where} ORDER BY s.\"Seq\"{(limit is { } l ? $" LIMIT {l}" : string.Empty)}";
        return (sql, parameters);
    }

    private static (string From, string Where, IReadOnlyList<(string Name, object Value)> Parameters) Build(SupplierQuery query, DateOnly today, SearchText? text)
    {
        var parameters = new List<(string, object)> { ("@today", today) };
        var where = new StringBuilder("o.\"AdmissionStatus\" = 'Admitted'");
        string from;
        if (text is not null)
        {
            parameters.Add(("@match", text.Query));
            parameters.AddRange(text.Prefixes.Select((p, i) => ($"@p{i}", (object)p)));
            from = "FROM \"SupplierSearch\" s JOIN \"OrganisationProfiles\" p ON p.\"OrganisationId\" = s.\"OrganisationId\" JOIN \"Organisations\" o ON o.\"Id\" = s.\"OrganisationId\"";
            where.Append(" AND s.\"Document\" @@ to_tsquery('simple', @match)");
        }
        else
        {
            from = "FROM \"Organisations\" o JOIN \"OrganisationProfiles\" p ON p.\"OrganisationId\" = o.\"Id\"";
        }

        if (query.Municipalities.Count > 0)
        {
            var terms = query.Municipalities.Select((m, i) =>
            {
                parameters.Add(($"@m{i}", m.Code));
                return $"o.\"EstablishedIn\" = @m{i} OR strpos(',' || o.\"WorksIn\" || ',', ',' || @m{i} || ',') > 0";
            });
            where.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
        }

        AppendListFilter(where, parameters, "p.\"Categories\"", "cat", query.Categories);
        AppendListFilter(where, parameters, "p.\"ImpactThemes\"", "theme", query.Themes);

        if (query.Criteria.Count > 0)
        {
            var codes = query.Criteria.Select((c, i) =>
            {
                parameters.Add(($"@crit{i}", c.Value));
                return $"@crit{i}";
            });
            where.Append($" AND EXISTS (SELECT 1 FROM \"AcceptedCriteria\" c WHERE c.\"OrganisationId\" = o.\"Id\" AND c.\"Code\" IN ({string.Join(", ", codes)}) AND {ValidToday})");
        }

        if (query.Recognised is { } recognised)
        {
            where.Append(recognised ? " AND " : " AND NOT ").Append($"EXISTS (SELECT 1 FROM \"AcceptedCriteria\" c WHERE c.\"OrganisationId\" = o.\"Id\" AND {ValidToday})");
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
            return $"strpos(',' || {column} || ',', ',' || @{prefix}{i} || ',') > 0";
        });
        where.Append(" AND (").Append(string.Join(" OR ", terms)).Append(')');
    }

    private static string OrderBy(SupplierQuery query) => query.Sort switch
    {
        SupplierSort.RecentlyRecognised => $"{LatestRecognition} DESC NULLS LAST, {NameOrder}",
        _ => NameOrder,
    };

    private static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not Npgsql.NpgsqlConnection)
        {
            throw new NotSupportedException($"{nameof(PostgresSupplierSearchSql)} needs a PostgreSQL connection, not {connection.GetType().Name}.");
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
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <param name="Query">The <c>tsquery</c> text: each word a prefix, all words joined by <c>&amp;</c>.</param>
    /// <param name="Prefixes">Per word, the prefix whose hits in a row are the word's frequency.</param>
    /// <param name="Idf">Per word, bm25's inverse document frequency.</param>
    /// <param name="AverageLength">The average number of words of an indexed row.</param>
    private sealed record SearchText(string Query, IReadOnlyList<string> Prefixes, double[] Idf, double AverageLength);

    /// <summary>SQLite's NOCASE in .NET: A–Z folded, then the UTF-8 bytes compared.</summary>
    private sealed class NoCase : IComparer<string>
    {
        public static readonly NoCase Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(Fold(x ?? string.Empty)).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(Fold(y ?? string.Empty)));

        private static string Fold(string value) => string.Create(value.Length, value, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
            }
        });
    }
}
