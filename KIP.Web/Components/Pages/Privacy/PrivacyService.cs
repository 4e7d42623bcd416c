using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Privacy;

/// <summary>An erasure request as the coordination team sees it, with what may depend on the person (docs/decisions/012-privacy.md).</summary>
public sealed record ErasureRequestView(
    Guid PersonId,
    string Name,
    string Email,
    DateTimeOffset RequestedAt,
    IReadOnlyList<string> Organisations,
    IReadOnlyList<string> SoleMemberOfListed,
    IReadOnlyList<string> OpenApplications,
    bool HoldsSeat,
    bool KeepsName);

/// <summary>A carried-out erasure: who asked (now pseudonymised) and when it was done.</summary>
public sealed record ErasureDoneView(Guid PersonId, string Name, DateTimeOffset RequestedAt, DateTimeOffset DoneAt);

/// <summary>
/// The right to erasure as KIP serves it (docs/decisions/012-privacy.md): a person asks, the coordination team carries
/// it out. Requests and their execution are audit entries (append-only), so the record shows who asked and who erased
/// when. What a person downloads about themselves is <see cref="PersonalDataExport"/>'s.
/// </summary>
public sealed class PrivacyService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public const string Requested = "privacy.erasure-requested";
    public const string CarriedOut = "privacy.erasure-carried-out";

    /// <summary>The name a person without a public role in the record keeps after erasure.</summary>
    public const string ErasedName = "Verwijderde persoon";

    public static string ErasedEmail(Guid personId) => $"verwijderd-{personId:N}@kip.invalid";

    private static string Subject(Guid personId) => $"person:{personId}";

    public async Task<DateTimeOffset?> OpenRequestOfAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var open = await OpenRequestsAsync(cancellationToken);
        return open.TryGetValue(personId, out var at) ? at : null;
    }

    /// <summary>The person asks; nothing is erased until the coordination team carries it out.</summary>
    public async Task<ActionResult> RequestErasureAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        if (await OpenRequestOfAsync(personId, cancellationToken) is not null)
        {
            return ActionResult.Refused("MyData.Error.AlreadyRequested");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Persons.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return ActionResult.NotAllowed;
        }

        db.Record(time.GetUtcNow(), personId, Requested, Subject(personId));
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    public async Task<IReadOnlyList<ErasureRequestView>> RequestsAsync(CancellationToken cancellationToken = default)
    {
        var open = await OpenRequestsAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = open.Keys.ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var today = AmsterdamCalendar.Today(time);
        var views = new List<ErasureRequestView>();
        foreach (var person in persons)
        {
            var organisationIds = await db.OrganisationMembers.Where(m => m.PersonId == person.Id).Select(m => m.OrganisationId).ToListAsync(cancellationToken);
            var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
            var otherMembers = await db.OrganisationMembers.Where(m => organisationIds.Contains(m.OrganisationId) && m.PersonId != person.Id)
                .Select(m => m.OrganisationId).Distinct().ToListAsync(cancellationToken);
            var withOpenApplication = (await db.Applications.AsNoTracking().Where(a => organisationIds.Contains(a.OrganisationId)).ToListAsync(cancellationToken))
                .Where(a => a.IsOpen).Select(a => a.OrganisationId).ToHashSet();
            var terms = await db.SeatTerms.AsNoTracking().Where(t => t.PersonId == person.Id).ToListAsync(cancellationToken);
            views.Add(new ErasureRequestView(
                person.Id,
                person.Name,
                person.Email,
                open[person.Id],
                [.. organisations.Select(o => o.Name).Order(StringComparer.CurrentCulture)],
                [.. organisations.Where(o => o.AdmissionStatus == AdmissionStatus.Admitted && !otherMembers.Contains(o.Id)).Select(o => o.Name).Order(StringComparer.CurrentCulture)],
                [.. organisations.Where(o => withOpenApplication.Contains(o.Id)).Select(o => o.Name).Order(StringComparer.CurrentCulture)],
                terms.Any(t => t.HoldsOn(today)),
                await HasPublicRoleAsync(db, person.Id, cancellationToken)));
        }

        return [.. views.OrderBy(v => v.RequestedAt)];
    }

    public async Task<IReadOnlyList<ErasureDoneView>> CarriedOutAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == Requested || a.Action == CarriedOut).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var done = new List<(Guid Person, DateTimeOffset Requested, DateTimeOffset Done)>();
        var asked = new Dictionary<Guid, DateTimeOffset>();
        foreach (var entry in entries)
        {
            if (!TryPerson(entry.Subject, out var person))
            {
                continue;
            }

            if (entry.Action == Requested)
            {
                asked[person] = entry.At;
            }
            else if (asked.Remove(person, out var at))
            {
                done.Add((person, at, entry.At));
            }
        }

        var ids = done.Select(d => d.Person).ToList();
        var names = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. done.OrderByDescending(d => d.Done).Select(d => new ErasureDoneView(d.Person, names.GetValueOrDefault(d.Person) ?? ErasedName, d.Requested, d.Done))];
    }

    /// <summary>
    /// Carries out an open request: contact details and the account go; what the public record must keep stays
    /// (a commission member's name on their named votes and seat terms, decisions, the audit log by person id).
    /// </summary>
    public async Task<ActionResult> EraseAsync(Guid personId, Guid actor, CancellationToken cancellationToken = default)
    {
        if (await OpenRequestOfAsync(personId, cancellationToken) is null)
        {
            return ActionResult.Refused("Erasure.Error.NoOpenRequest");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Persons.SingleAsync(p => p.Id == personId, cancellationToken);
        var oldEmail = person.Email;
        var oldName = person.Name;
        var organisationIds = await db.OrganisationMembers.Where(m => m.PersonId == personId).Select(m => m.OrganisationId).ToListAsync(cancellationToken);

        // The applicant's contact details go from their organisations' profiles (they no longer act for them).
        foreach (var profile in await db.Profiles.Where(p => organisationIds.Contains(p.OrganisationId)).ToListAsync(cancellationToken))
        {
            if (string.Equals(profile.ContactEmail, oldEmail, StringComparison.OrdinalIgnoreCase) || string.Equals(profile.ContactName?.Trim(), oldName.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                profile.ContactName = null;
                profile.ContactEmail = null;
                profile.ContactPhone = null;
                profile.UpdatedAt = time.GetUtcNow();
            }
        }

        db.OrganisationMembers.RemoveRange(await db.OrganisationMembers.Where(m => m.PersonId == personId).ToListAsync(cancellationToken));
        db.AccessRequests.RemoveRange(await db.AccessRequests.Where(r => r.PersonId == personId && r.Status == AccessRequestStatus.Open).ToListAsync(cancellationToken));
        db.Notifications.RemoveRange(await db.Notifications.Where(n => n.PersonId == personId).ToListAsync(cancellationToken));
        var mails = (await db.OutboxMessages.Where(m => m.To.Contains(oldEmail)).ToListAsync(cancellationToken))
            .Where(m => m.To.Split(',').Any(to => string.Equals(to.Trim(), oldEmail, StringComparison.OrdinalIgnoreCase)));
        db.OutboxMessages.RemoveRange(mails);

        if (!await HasPublicRoleAsync(db, personId, cancellationToken))
        {
            person.Name = ErasedName;
        }

        person.Email = ErasedEmail(personId);
        person.Subject = null;
        person.Roles = [];
        db.Record(time.GetUtcNow(), actor, CarriedOut, Subject(personId));
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>Rulebook §6 "Record": a member's named votes stay; so does the name on a seat or advice given as a member.</summary>
    private static async Task<bool> HasPublicRoleAsync(KipDbContext db, Guid personId, CancellationToken cancellationToken) =>
        await db.SeatTerms.AnyAsync(t => t.PersonId == personId, cancellationToken)
        || await db.Votes.AnyAsync(v => v.PersonId == personId, cancellationToken)
        || await db.Advice.AnyAsync(a => a.PersonId == personId, cancellationToken);

    private async Task<Dictionary<Guid, DateTimeOffset>> OpenRequestsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == Requested || a.Action == CarriedOut).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var open = new Dictionary<Guid, DateTimeOffset>();
        foreach (var entry in entries)
        {
            if (!TryPerson(entry.Subject, out var person))
            {
                continue;
            }

            if (entry.Action == Requested)
            {
                open.TryAdd(person, entry.At);
            }
            else
            {
                open.Remove(person);
            }
        }

        return open;
    }

    private static bool TryPerson(string? subject, out Guid person)
    {
        person = Guid.Empty;
        return subject is not null && subject.StartsWith("person:", StringComparison.Ordinal) && Guid.TryParse(subject.AsSpan(7), out person);
    }
}
