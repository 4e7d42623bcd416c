using System.Data.Common;
using System.Globalization;
using System.Text;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Search;

/// <summary>
/// The directory search over admitted organisations: FTS5 for text, date comparisons on the stored
/// validity intervals for "recognised today" (rulebook §2), and KIP.Domain for each row's badge.
/// </summary>
public sealed class SupplierSearch(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    // The same comparison as AcceptedCriterion.IsValidOn and RecognitionQueries.RecognisedOn.
    private const string ValidToday = "c.ValidFrom <= @today AND (c.ValidUntil IS NULL OR @today <= c.ValidUntil) AND (c.EndedOn IS NULL OR @today < c.EndedOn)";

    private const int SummaryLength = 200;

    public DateOnly Today => AmsterdamCalendar.Today(time);

    public async Task<SupplierPage> SearchAsync(SupplierQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var today = Today;
        var (total, totalIsCapped, ids) = await FindIdsAsync(db.Database.GetDbConnection(), query, today, cancellationToken);
        var items = await ItemsAsync(db, ids, today, cancellationToken);
        return new SupplierPage(items, Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, SupplierQuery.MaximumPageSize), total, totalIsCapped);
    }

    /// <summary>
    /// The SQL part of a search, on an open connection: the total (capped for text) and the ids of the page.
    /// Public so the benchmark's direct baseline runs exactly this (bench/KIP.Bench).
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

    /// <summary>All rows of a search in order, up to the export limit, for the CSV export.</summary>
    public async Task<IReadOnlyList<SupplierItem>> AllAsync(SupplierQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var today = Today;
        var (from, where, parameters) = Build(query, today);
        var ids = await IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {SupplierQuery.ExportLimit}", parameters, cancellationToken);
        return await ItemsAsync(db, ids, today, cancellationToken);
    }

    /// <summary>One admitted organisation's public data, or null.</summary>
    public async Task<SupplierItem?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await ItemsAsync(db, [id], Today, cancellationToken)).SingleOrDefault();
    }

    /// <summary>A public profile page: the item, the profile, and the criteria valid today with their dates.</summary>
    public async Task<SupplierProfile?> ProfileAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Id == id && o.AdmissionStatus == AdmissionStatus.Admitted, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken);
        var today = Today;
        return new SupplierProfile(
            Item(organisation, profile, today),
            profile?.Description ?? string.Empty,
            profile?.Offer ?? string.Empty,
            profile?.PublicEmail,
            profile?.PublicPhone,
            [.. organisation.ValidCriteriaOn(today).Select(c => new ValidCriterion(c.Code.Value, c.ValidUntil))]);
    }

    public async Task<IReadOnlyList<SupplierItem>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ItemsAsync(db, ids, Today, cancellationToken);
    }

    public async Task<ContactPerson?> ContactAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AsNoTracking().Where(p => p.OrganisationId == id)
            .Select(p => new ContactPerson(p.ContactName, p.ContactEmail, p.ContactPhone))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Contact persons of several organisations, for officers' screens and exports only.</summary>
    public async Task<IReadOnlyDictionary<Guid, ContactPerson>> ContactsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.OrganisationId))
            .ToDictionaryAsync(p => p.OrganisationId, p => new ContactPerson(p.ContactName, p.ContactEmail, p.ContactPhone), cancellationToken);
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

    private static async Task<List<SupplierItem>> ItemsAsync(KipDbContext db, IReadOnlyList<Guid> ids, DateOnly today, CancellationToken cancellationToken)
    {
        // One round trip for what a list shows: no mission texts, offer or contact person, only the start
        // of the description; the accepted criteria go to KIP.Domain for the badge.
        var rows = await (from o in db.Organisations.AsNoTracking()
                          where ids.Contains(o.Id) && o.AdmissionStatus == AdmissionStatus.Admitted
                          join p in db.Profiles.AsNoTracking() on o.Id equals p.OrganisationId into profiles
                          from p in profiles.DefaultIfEmpty()
                          select new ListRow(
                              o.Id,
                              o.KvkNumber,
                              o.Name,
                              o.EstablishedIn,
                              o.WorksIn,
                              o.AcceptedCriteria.ToList(),
                              p == null ? null : p.Description.Trim().Substring(0, SummaryLength + 1),
                              p == null ? null : p.Categories,
                              p == null ? null : p.ImpactThemes,
                              p == null ? null : p.Website,
                              p == null ? null : p.Place))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(r => Item(
            r.Id, r.KvkNumber, r.Name, r.EstablishedIn, r.WorksIn, RecognitionOn.Of(r.Criteria, today),
            r.Description, r.Categories, r.ImpactThemes, r.Website, r.Place))];
    }

    internal static SupplierItem Item(Organisation organisation, OrganisationProfile? profile, DateOnly today) =>
        Item(organisation.Id, organisation.KvkNumber, organisation.Name, organisation.EstablishedIn, organisation.WorksIn, organisation.Recognition(today),
            profile?.Description, profile?.Categories, profile?.ImpactThemes, profile?.Website, profile?.Place);

    private static SupplierItem Item(
        Guid id, KvkNumber kvkNumber, string name, Municipality? establishedIn, IReadOnlyCollection<Municipality> worksIn, RecognitionOn recognition,
        string? description, IReadOnlyList<string>? categories, IReadOnlyList<string>? impactThemes, string? website, string? place) =>
        new(
            id,
            kvkNumber.Value,
            name,
            establishedIn?.Code,
            [.. worksIn.Select(m => m.Code)],
            categories ?? [],
            impactThemes ?? [],
            recognition.IsRecognised,
            recognition.IsTemporary,
            [.. recognition.ValidCriteria.Select(c => c.Code.Value).Distinct()],
            recognition.IsRecognised ? recognition.ValidUntil : null,
            Summarise(description),
            website,
            place);

    private static string Summarise(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return string.Empty;
        }

        var text = description.Trim();
        return text.Length <= SummaryLength ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', SummaryLength - 1) is > 100 and var cut ? cut : SummaryLength), "…");
    }

    private sealed record ListRow(
        Guid Id, KvkNumber KvkNumber, string Name, Municipality? EstablishedIn, IReadOnlyCollection<Municipality> WorksIn, List<AcceptedCriterion> Criteria,
        string? Description, IReadOnlyList<string>? Categories, IReadOnlyList<string>? ImpactThemes, string? Website, string? Place);
}
