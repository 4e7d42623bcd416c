using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Search;

/// <summary>
/// The directory search over admitted organisations: the ids from the engine's SQL (<see cref="ISupplierSearchSql"/>),
/// then one round trip for what a list shows, and KIP.Domain for each row's badge.
/// </summary>
public sealed class SupplierSearch(IDbContextFactory<KipDbContext> factory, ISupplierSearchSql sql, TimeProvider time)
{
    private const int SummaryLength = 200;

    public DateOnly Today => AmsterdamCalendar.Today(time);

    public async Task<SupplierPage> SearchAsync(SupplierQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var today = Today;
        var (total, totalIsCapped, ids) = await sql.FindIdsAsync(db.Database.GetDbConnection(), query, today, cancellationToken);
        var items = await ItemsAsync(db, ids, today, cancellationToken);
        return new SupplierPage(items, Math.Max(1, query.Page), Math.Clamp(query.PageSize, 1, SupplierQuery.MaximumPageSize), total, totalIsCapped);
    }

    /// <summary>All rows of a search in order, up to the export limit, for the CSV export.</summary>
    public async Task<IReadOnlyList<SupplierItem>> AllAsync(SupplierQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var today = Today;
        var ids = await sql.AllIdsAsync(connection, query, today, cancellationToken);
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
