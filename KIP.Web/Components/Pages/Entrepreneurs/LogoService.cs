using KIP.Domain.Organisations;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Which admitted organisations have a logo, and where it is served; others' logos are never named.</summary>
public sealed class LogoService(IDbContextFactory<KipDbContext> factory)
{
    /// <summary>The logo's address; the version changes with every new logo, so a cached old one is never shown.</summary>
    public static string UrlFor(Guid organisationId, string storedName) =>
        $"{LogoEndpoints.Path}/{organisationId}?v={Uri.EscapeDataString(Path.GetFileNameWithoutExtension(storedName ?? string.Empty))}";

    /// <summary>The stored name of an admitted organisation's logo, or null.</summary>
    public async Task<string?> PublicLogoAsync(Guid organisationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await (from p in db.Profiles.AsNoTracking()
                      join o in db.Organisations.AsNoTracking() on p.OrganisationId equals o.Id
                      where p.OrganisationId == organisationId && o.AdmissionStatus == AdmissionStatus.Admitted && p.LogoFile != null
                      select p.LogoFile).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Organisation id → logo address, for those of <paramref name="organisationIds"/> that are admitted and have a logo.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> UrlsAsync(IReadOnlyCollection<Guid> organisationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        if (organisationIds.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (from p in db.Profiles.AsNoTracking()
                          join o in db.Organisations.AsNoTracking() on p.OrganisationId equals o.Id
                          where organisationIds.Contains(p.OrganisationId) && o.AdmissionStatus == AdmissionStatus.Admitted && p.LogoFile != null
                          select new { p.OrganisationId, p.LogoFile }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.OrganisationId, r => UrlFor(r.OrganisationId, r.LogoFile!));
    }
}
