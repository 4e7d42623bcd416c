using System.Text.Json;
using System.Text.Json.Serialization;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Privacy;

/// <summary>
/// What a person downloads about themselves (AVG art. 15 and 20, docs/decisions/012-privacy.md): everything KIP holds
/// about them and the organisations they act for, and nothing about anyone else.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The person's data as one object, to be written with <see cref="Json"/>.</summary>
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
}
