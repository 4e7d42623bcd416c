using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>
/// Who is in (rulebook §1): an organisation's admission to KIP, and a person's access to an organisation already
/// registered, each asked by the entrepreneur and decided by the coordination team. Every method checks who asks.
/// </summary>
public sealed class AdmissionService(IDbContextFactory<KipDbContext> factory, TimeProvider time, AdmissionNotices notices)
{
    /// <summary>Asks the coordination team for access to an organisation already registered; one open request per person.</summary>
    public Task<ActionResult> RequestAccessAsync(ClaimsPrincipal user, Guid organisationId) => ServiceCall.RunAsync(async () =>
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
            return ActionResult.Done;
        }

        db.AccessRequests.Add(new AccessRequest { Id = Guid.NewGuid(), OrganisationId = organisationId, PersonId = person, RequestedAt = now, Status = AccessRequestStatus.Open });
        db.Record(now, person, "access.requested", organisationId.ToString());
        await db.SaveChangesAsync();
        return ActionResult.Done;
    });

    /// <summary>
    /// Asks access to the organisation registered under a KvK number (from "Mijn organisatie"); what went wrong (format,
    /// unknown number, already a member) is the message beside the KvK number.
    /// </summary>
    public Task<ActionResult> RequestAccessByKvkAsync(ClaimsPrincipal user, string? kvk) => ServiceCall.RunAsync(async () =>
    {
        static ActionResult Beside(string key) => ActionResult.Invalid(new Dictionary<string, string> { [nameof(RegistrationForm.Kvk)] = key });
        var person = Callers.RequirePerson(user);
        var text = kvk?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Beside("Register.Error.KvkRequired");
        }

        if (!KvkNumber.TryParse(text, out var number))
        {
            return Beside("Register.Error.KvkFormat");
        }

        await using var db = await factory.CreateDbContextAsync();
        var organisationId = await db.Organisations.Where(o => o.KvkNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
        if (organisationId is not { } id)
        {
            return Beside("Organisation.Mine.Access.Unknown");
        }

        return await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.PersonId == person)
            ? Beside("Organisation.Mine.Access.AlreadyMember")
            : await RequestAccessAsync(user, id);
    });

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

    public Task<ActionResult> DecideAccessAsync(ClaimsPrincipal user, Guid requestId, bool grant, string? reason) => ServiceCall.RunAsync(async () =>
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
            grant ? AdmissionNotices.GrantedKey : AdmissionNotices.RefusedKey, request.RefusalReason, now);
        await db.SaveChangesAsync();
        await notices.AnnounceAsync(request.OrganisationId);
    });

    /// <summary>The field of the admission request form: the impact ambition.</summary>
    public const string AmbitionField = "Ambition";

    /// <summary>§1: the entrepreneur asks for admission with an impact ambition.</summary>
    public Task<ActionResult> RequestAdmissionAsync(ClaimsPrincipal user, Guid organisationId, string? ambition) => ServiceCall.RunAsync(async () =>
    {
        static ActionResult Beside(string key) => ActionResult.Invalid(new Dictionary<string, string> { [AmbitionField] = key });
        var person = Callers.RequirePerson(user);
        Callers.RequireOwn(user, organisationId);
        if (string.IsNullOrWhiteSpace(ambition))
        {
            return Beside("Admission.Error.AmbitionRequired");
        }

        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        try
        {
            organisation.RequestAdmission(ambition);
        }
        catch (DomainException e) when (e.Code == "admission.outside-region")
        {
            return Beside("Register.Error.OutsideRegion");
        }

        db.Record(time.GetUtcNow(), person, "admission.requested", organisationId.ToString());
        await db.SaveChangesAsync();
        return ActionResult.Done;
    });

    /// <summary>§1: the coordination team admits, or declines with a reason.</summary>
    public Task<ActionResult> DecideAdmissionAsync(ClaimsPrincipal user, Guid organisationId, bool admit, string? reason) => ServiceCall.RunAsync(async () =>
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
            admit ? AdmissionNotices.AdmittedKey : AdmissionNotices.DeclinedKey,
            admit ? null : organisation.DeclineReason, now);
        await db.SaveChangesAsync();
        await notices.AnnounceAsync(organisationId);
    });
}
