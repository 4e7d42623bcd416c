using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>
/// Who is in (rulebook §1): an organisation's admission to KIP, and a person's access to an organisation already
/// registered, each asked by the entrepreneur and decided by the coordination team. Every method checks who asks.
/// </summary>
public sealed class AdmissionService(IDbContextFactory<KipDbContext> factory, TimeProvider time, KIP.Web.Notifications.AdmissionNotices notices)
{
    /// <summary>Asks the coordination team for access to an organisation already registered; one open request per person.</summary>
    public async Task RequestAccessAsync(ClaimsPrincipal user, Guid organisationId)
    {
        var person = Callers.RequirePerson(user);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync();
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId))
        {
            throw new DomainException("access.unknown-organisation", "Unknown organisation.");
        }

        if (await db.AccessRequests.AnyAsync(r => r.OrganisationId == organisationId && r.PersonId == person && r.Status == AccessRequestStatus.Open)
            || await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == organisationId && m.PersonId == person))
        {
            return;
        }

        db.AccessRequests.Add(new AccessRequest { Id = Guid.NewGuid(), OrganisationId = organisationId, PersonId = person, RequestedAt = now, Status = AccessRequestStatus.Open });
        db.Record(now, person, "access.requested", organisationId.ToString());
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Asks access to the organisation registered under a KvK number (from "Mijn organisatie"): answers the resource key
    /// of what went wrong (format, unknown number, already a member), or null when the request is open.
    /// </summary>
    public async Task<string?> RequestAccessByKvkAsync(ClaimsPrincipal user, string? kvk)
    {
        var person = Callers.RequirePerson(user);
        var text = kvk?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return "Register.Error.KvkRequired";
        }

        if (!KvkNumber.TryParse(text, out var number))
        {
            return "Register.Error.KvkFormat";
        }

        Guid? organisationId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            organisationId = await db.Organisations.Where(o => o.KvkNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
            if (organisationId is { } id && await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.PersonId == person))
            {
                return "Organisation.Mine.Access.AlreadyMember";
            }
        }

        if (organisationId is null)
        {
            return "Organisation.Mine.Access.Unknown";
        }

        await RequestAccessAsync(user, organisationId.Value);
        return null;
    }

    /// <summary>The organisations the person is linked to in KIP's data now (the session's claims may be a minute behind).</summary>
    public async Task<List<Organisation>> MyOrganisationsAsync(ClaimsPrincipal user)
    {
        var person = user.PersonId();
        var claimed = OrganisationAccess.OrganisationsOf(user);
        await using var db = await factory.CreateDbContextAsync();
        var linked = person is null ? [] : await db.OrganisationMembers.AsNoTracking().Where(m => m.PersonId == person).Select(m => m.OrganisationId).ToListAsync();
        var ids = linked.Concat(claimed).Distinct().ToList();
        var found = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
        return [.. found.OrderBy(o => o.Name, StringComparer.CurrentCulture)];
    }

    public async Task<List<AccessRequest>> MyAccessRequestsAsync(ClaimsPrincipal user)
    {
        var person = user.PersonId();
        await using var db = await factory.CreateDbContextAsync();
        return person is null ? [] : await db.AccessRequests.AsNoTracking().Where(r => r.PersonId == person).ToListAsync();
    }

    public async Task DecideAccessAsync(ClaimsPrincipal user, Guid requestId, bool grant, string? reason)
    {
        var person = Callers.RequireRole(user, KipRoles.Coordination);
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync();
        var request = await db.AccessRequests.SingleAsync(r => r.Id == requestId);
        if (request.Status != AccessRequestStatus.Open)
        {
            throw new DomainException("access.decided", "This request was already decided.");
        }

        if (!grant && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("access.reason-required", "A refusal needs a reason.");
        }

        request.Status = grant ? AccessRequestStatus.Granted : AccessRequestStatus.Refused;
        request.RefusalReason = grant ? null : reason!.Trim();
        request.DecidedAt = now;
        request.DecidedBy = person;
        if (grant && !await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == request.OrganisationId && m.PersonId == request.PersonId))
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = request.OrganisationId, PersonId = request.PersonId, Since = now });
        }

        db.Record(now, person, grant ? "access.granted" : "access.refused", request.OrganisationId.ToString(), request.PersonId.ToString());
        var organisationName = await db.Organisations.Where(o => o.Id == request.OrganisationId).Select(o => o.Name).SingleAsync();
        var asker = await db.Persons.AsNoTracking().Where(p => p.Id == request.PersonId).ToListAsync();
        notices.Add(db, request.OrganisationId, organisationName, asker,
            grant ? KIP.Web.Notifications.AdmissionNotices.GrantedKey : KIP.Web.Notifications.AdmissionNotices.RefusedKey, request.RefusalReason, now);
        await db.SaveChangesAsync();
        await notices.AnnounceAsync(request.OrganisationId);
    }

    /// <summary>§1: the entrepreneur asks for admission with an impact ambition.</summary>
    public async Task RequestAdmissionAsync(ClaimsPrincipal user, Guid organisationId, string? ambition)
    {
        var person = Callers.RequirePerson(user);
        Callers.RequireOwn(user, organisationId);
        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        organisation.RequestAdmission(ambition ?? string.Empty);
        db.Record(time.GetUtcNow(), person, "admission.requested", organisationId.ToString());
        await db.SaveChangesAsync();
    }

    /// <summary>§1: the coordination team admits, or declines with a reason.</summary>
    public async Task DecideAdmissionAsync(ClaimsPrincipal user, Guid organisationId, bool admit, string? reason)
    {
        var person = Callers.RequireRole(user, KipRoles.Coordination);
        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        if (admit)
        {
            organisation.Admit(AmsterdamCalendar.Today(time));
        }
        else
        {
            organisation.Decline(reason ?? string.Empty);
        }

        var now = time.GetUtcNow();
        db.Record(now, person, admit ? "admission.admitted" : "admission.declined", organisationId.ToString(), reason);
        var members = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId)
            .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => p)
            .ToListAsync();
        notices.Add(db, organisationId, organisation.Name, members,
            admit ? KIP.Web.Notifications.AdmissionNotices.AdmittedKey : KIP.Web.Notifications.AdmissionNotices.DeclinedKey,
            admit ? null : organisation.DeclineReason, now);
        await db.SaveChangesAsync();
        await notices.AnnounceAsync(organisationId);
    }
}
