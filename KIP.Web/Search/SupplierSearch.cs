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

    public DateOnly Today => AmsterdamCalendar.Today(time);

    public async Task<SupplierPage> SearchAsync(SupplierQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, SupplierQuery.MaximumPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);

        var today = Today;
        var (from, where, parameters) = Build(query, today);
        var capped = query.Words.Count > 0;
        var countSql = capped
            ? $"SELECT count(*) FROM (SELECT 1 {from} WHERE {where} LIMIT {SupplierQuery.TotalCap + 1})"
            : $"SELECT count(*) {from} WHERE {where}";
        var total = Convert.ToInt32(await ScalarAsync(connection, countSql, parameters, cancellationToken), CultureInfo.InvariantCulture);
        var totalIsCapped = capped && total > SupplierQuery.TotalCap;

        var ids = await IdsAsync(connection, $"SELECT o.Id {from} WHERE {where} ORDER BY {OrderBy(query)} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}", parameters, cancellationToken);
        var items = await ItemsAsync(db, ids, today, cancellationToken);
        return new SupplierPage(items, page, pageSize, totalIsCapped ? SupplierQuery.TotalCap : total, totalIsCapped);
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

    private static (string From, string Where, List<(string Name, object Value)> Parameters) Build(SupplierQuery query, DateOnly today)
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

        return (from, where.ToString(), parameters);
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

    private static DbCommand Command(DbConnection connection, string sql, List<(string Name, object Value)> parameters)
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

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, List<(string, object)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<Guid>> IdsAsync(DbConnection connection, string sql, List<(string, object)> parameters, CancellationToken cancellationToken)
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
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.AdmissionStatus == AdmissionStatus.Admitted)
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.OrganisationId)).ToDictionaryAsync(p => p.OrganisationId, cancellationToken);
        return [.. ids.Where(organisations.ContainsKey).Select(id => Item(organisations[id], profiles.GetValueOrDefault(id), today))];
    }

    internal static SupplierItem Item(Organisation organisation, OrganisationProfile? profile, DateOnly today)
    {
        var valid = organisation.ValidCriteriaOn(today);
        return new SupplierItem(
            organisation.Id,
            organisation.KvkNumber.Value,
            organisation.Name,
            organisation.EstablishedIn?.Code,
            [.. organisation.WorksIn.Select(m => m.Code)],
            profile?.Categories ?? [],
            profile?.ImpactThemes ?? [],
            valid.Count > 0,
            organisation.IsTemporaryOn(today),
            [.. valid.Select(c => c.Code.Value).Distinct()],
            organisation.IsRecognisedOn(today) ? organisation.ValidUntilOn(today) : null,
            Summarise(profile?.Description),
            profile?.Website,
            profile?.Place);
    }

    private static string Summarise(string? description)
    {
        const int Length = 200;
        if (string.IsNullOrWhiteSpace(description))
        {
            return string.Empty;
        }

        var text = description.Trim();
        return text.Length <= Length ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', Length - 1) is > 100 and var cut ? cut : Length), "…");
    }
}
