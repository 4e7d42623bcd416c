using System.Text.Json;
using System.Text.Json.Serialization;
using KIP.Domain;
using KIP.Domain.Organisations;
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
/// The AVG rights KIP serves itself (docs/decisions/012-privacy.md): a person downloads what KIP holds about them
/// and their organisations, and asks for erasure, which the coordination team carries out. Requests and their
/// execution are audit entries (append-only), so the record shows who asked and who erased when.
/// </summary>
public sealed class PrivacyService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public const string Requested = "privacy.erasure-requested";
    public const string CarriedOut = "privacy.erasure-carried-out";

    /// <summary>The name a person without a public role in the record keeps after erasure.</summary>
    public const string ErasedName = "Verwijderde persoon";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ErasedEmail(Guid personId) => $"verwijderd-{personId:N}@kip.invalid";

    private static string Subject(Guid personId) => $"person:{personId}";

    /// <summary>Everything KIP holds about the person and the organisations they act for, and nothing about anyone else.</summary>
    public async Task<object> ExportAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken);
        var memberships = await db.OrganisationMembers.AsNoTracking().Where(m => m.PersonId == personId).ToListAsync(cancellationToken);
        var organisationIds = memberships.Select(m => m.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var profiles = await db.Profiles.AsNoTracking().Where(p => organisationIds.Contains(p.OrganisationId)).ToDictionaryAsync(p => p.OrganisationId, cancellationToken);
        var applications = await db.Applications.AsNoTracking().Where(a => organisationIds.Contains(a.OrganisationId)).ToListAsync(cancellationToken);
        var evidence = await db.EvidenceDocuments.AsNoTracking().Where(d => organisationIds.Contains(d.OrganisationId)).ToListAsync(cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => organisationIds.Contains(d.OrganisationId)).ToListAsync(cancellationToken);

        return new
        {
            exportedAt = time.GetUtcNow(),
            about = "Kennemerland Inkoop Platform (KIP): de persoonsgegevens die KIP over u en uw organisatie(s) bewaart.",
            person = new { person.Id, person.Name, person.Email, person.Subject, person.Roles },
            organisations = organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new
            {
                o.Id,
                kvkNumber = o.KvkNumber.Value,
                o.Name,
                legalForm = o.LegalForm.Code,
                o.FoundedOn,
                o.Employees,
                establishedIn = o.EstablishedIn?.Code,
                worksIn = o.WorksIn.Select(m => m.Code),
                o.SocialMission,
                o.ImpactAmbition,
                o.AdmissionStatus,
                o.AdmittedOn,
                o.DeclineReason,
                kvkNumberHistory = o.KvkNumberHistory.Select(h => new { previous = h.Previous.Value, current = h.Current.Value, h.ChangedOn }),
                memberSince = memberships.Single(m => m.OrganisationId == o.Id).Since,
                profile = profiles.GetValueOrDefault(o.Id) is { } p ? new
                {
                    p.Description,
                    p.Offer,
                    p.Place,
                    p.Address,
                    p.Website,
                    p.PublicEmail,
                    p.PublicPhone,
                    p.Categories,
                    p.ImpactThemes,
                    p.ContactName,
                    p.ContactEmail,
                    p.ContactPhone,
                    hasLogo = p.LogoFile is not null,
                    p.UpdatedAt,
                } : null,
                applications = applications.Where(a => a.OrganisationId == o.Id).OrderBy(a => a.Timeline.Count > 0 ? a.Timeline[0].At : DateTimeOffset.MinValue).Select(a => new
                {
                    a.Id,
                    a.Status,
                    a.FormVersion,
                    claimedCriteria = a.ClaimedCriteria.Select(c => c.Value),
                    acceptedCriteria = a.AcceptedCriteria.Select(c => c.Value),
                    a.FirstSubmittedOn,
                    a.Motivation,
                    a.DecidedAt,
                    timeline = a.Timeline.Select(e => new { e.Status, e.At, e.Note }),
                    evidence = evidence.Where(d => d.ApplicationId == a.Id).Select(d => new { d.Criterion, d.FileName, d.ContentType, d.Size, d.UploadedAt }),
                }),
                decisions = decisions.Where(d => d.OrganisationId == o.Id).OrderBy(d => d.DecidedOn).Select(d => new
                {
                    d.Kind,
                    d.Outcome,
                    acceptedCriteria = d.AcceptedCriteria.Select(c => c.Value),
                    d.Motivation,
                    d.DecidedOn,
                }),
            }),
            accessRequests = await db.AccessRequests.AsNoTracking().Where(r => r.PersonId == personId)
                .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { organisation = o.Name, r.RequestedAt, r.Status, r.RefusalReason, r.DecidedAt })
                .ToListAsync(cancellationToken),
            questionsToTheCommission = await db.ApplicantQuestions.AsNoTracking().Where(q => q.FromPersonId == personId)
                .Select(q => new { q.ApplicationId, q.Text, q.AskedAt, q.Answer, q.AnsweredAt }).ToListAsync(cancellationToken),
            notifications = (await db.Notifications.AsNoTracking().Where(n => n.PersonId == personId).ToListAsync(cancellationToken))
                .OrderBy(n => n.CreatedAt).Select(n => new { n.TextKey, n.OrganisationName, n.Arguments, n.CreatedAt, n.ReadAt }),
            emails = (await db.OutboxMessages.AsNoTracking().Where(m => m.To.Contains(person.Email)).ToListAsync(cancellationToken))
                .Where(m => m.To.Split(',').Any(to => string.Equals(to.Trim(), person.Email, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(m => m.CreatedAt).Select(m => new { m.Subject, m.TextBody, m.CreatedAt, m.SentAt }),
            commission = new
            {
                seatTerms = (await db.SeatTerms.AsNoTracking().Where(t => t.PersonId == personId).ToListAsync(cancellationToken))
                    .Select(t => new { seat = t.Seat.Code, t.Start, t.End, t.EndedEarlyOn }),
                votes = (await db.Votes.AsNoTracking().Where(v => v.PersonId == personId).ToListAsync(cancellationToken))
                    .OrderBy(v => v.CastAt).Select(v => new { v.MotionId, v.Choice, v.CastAt }),
                reviewComments = await db.ReviewComments.AsNoTracking().Where(c => c.PersonId == personId)
                    .Select(c => new { c.ApplicationId, c.Text, c.At }).ToListAsync(cancellationToken),
                conflictsOfInterest = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.PersonId == personId)
                    .Select(c => new { c.ApplicationId, c.Reason, c.DeclaredAt }).ToListAsync(cancellationToken),
                advice = await db.Advice.AsNoTracking().Where(a => a.PersonId == personId)
                    .Select(a => new { a.Subject, a.Text, a.Asked, a.GivenAt }).ToListAsync(cancellationToken),
            },
            shortlists = await db.Shortlists.AsNoTracking().Where(s => s.OwnerPersonId == personId)
                .Select(s => new { s.Name, s.CreatedAt, suppliers = s.Entries.Count }).ToListAsync(cancellationToken),

            // What the person did, from the audit log; its details can name other people, so they stay out.
            activity = (await db.AuditEntries.AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(cancellationToken))
                .OrderBy(a => a.Id).Select(a => new { a.At, a.Action, a.Subject }),
        };
    }

    public async Task<DateTimeOffset?> OpenRequestOfAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var open = await OpenRequestsAsync(cancellationToken);
        return open.TryGetValue(personId, out var at) ? at : null;
    }

    /// <summary>The person asks; nothing is erased until the coordination team carries it out.</summary>
    public async Task<bool> RequestErasureAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        if (await OpenRequestOfAsync(personId, cancellationToken) is not null)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Persons.AnyAsync(p => p.Id == personId, cancellationToken))
        {
            return false;
        }

        db.Record(time.GetUtcNow(), personId, Requested, Subject(personId));
        await db.SaveChangesAsync(cancellationToken);
        return true;
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
    public async Task<bool> EraseAsync(Guid personId, Guid actor, CancellationToken cancellationToken = default)
    {
        if (await OpenRequestOfAsync(personId, cancellationToken) is null)
        {
            return false;
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
        return true;
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
