using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

/// <summary>
/// Before the session: what the commission reads about applications awaiting review, and the advice the coordination
/// team reads. The check per criterion is KIP.Domain's <see cref="EligibilityCheck"/> over the submitted assessment
/// form and the organisation's stored data (<see cref="ApplicationCheck"/>) — the same answer the applicant saw.
/// </summary>
public sealed class ReviewQueries(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    /// <summary>Applications awaiting review: Submitted, or InReview (on an agenda or deferred).</summary>
    public async Task<IReadOnlyList<AwaitingApplication>> AwaitingAsync(Guid? personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview).ToListAsync(cancellationToken);
        return await SummariesAsync(db, applications, personId, cancellationToken);
    }

    public async Task<ApplicationDetail?> DetailAsync(Guid applicationId, Guid? personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || application.Status == ApplicationStatus.Draft)
        {
            return null;
        }

        var summary = (await SummariesAsync(db, [application], personId, cancellationToken)).Single();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == application.OrganisationId, cancellationToken);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == organisation.Id, cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        string Name(Guid? id) => id is { } i ? names.GetValueOrDefault(i) ?? string.Empty : string.Empty;
        var comments = await db.ReviewComments.AsNoTracking().Where(c => c.ApplicationId == applicationId).ToListAsync(cancellationToken);
        var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.ApplicationId == applicationId).ToListAsync(cancellationToken);
        var questions = await db.ApplicantQuestions.AsNoTracking().Where(q => q.ApplicationId == applicationId).ToListAsync(cancellationToken);
        var form = await db.ApplicationDrafts.AsNoTracking().Where(d => d.ApplicationId == applicationId).Select(d => d.StateJson).SingleOrDefaultAsync(cancellationToken);
        var documents = await db.EvidenceDocuments.AsNoTracking().Where(d => d.ApplicationId == applicationId).ToListAsync(cancellationToken);
        return new ApplicationDetail(
            summary, organisation, profile, application.Timeline,
            [.. comments.OrderBy(c => c.At).Select(c => new NoteView(c.Id, Name(c.PersonId), c.Text, c.At))],
            [.. conflicts.OrderBy(c => c.DeclaredAt).Select(c => new NoteView(c.Id, Name(c.PersonId), c.Reason, c.DeclaredAt))],
            [.. questions.OrderBy(q => q.AskedAt).Select(q => new QuestionView(q.Id, Name(q.FromPersonId), q.Text, q.AskedAt, q.Answer, q.AnsweredBy is null ? null : Name(q.AnsweredBy), q.AnsweredAt))],
            form is null ? null : AssessmentState.FromJson(form),
            [.. documents.OrderBy(d => d.Criterion).ThenBy(d => d.UploadedAt)]);
    }

    /// <summary>The advice as the coordination team reads it, newest first.</summary>
    public async Task<IReadOnlyList<AdviceView>> AdviceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var advice = await db.Advice.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. advice.OrderByDescending(a => a.GivenAt).Select(a => new AdviceView(a.Id, names.GetValueOrDefault(a.PersonId) ?? string.Empty, a.Asked, a.Subject, a.Text, a.GivenAt))];
    }

    private async Task<IReadOnlyList<AwaitingApplication>> SummariesAsync(KipDbContext db, List<Application> applications, Guid? personId, CancellationToken cancellationToken)
    {
        var today = AmsterdamCalendar.Today(time);
        var ids = applications.Select(a => a.Id).ToList();
        var organisationIds = applications.Select(a => a.OrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var meetings = await db.AgendaEntries.AsNoTracking().Where(e => ids.Contains(e.ApplicationId))
            .Join(db.Meetings.Where(m => m.Status != MeetingStatus.Closed), e => e.MeetingId, m => m.Id, (e, m) => new { e.ApplicationId, m.Date })
            .ToListAsync(cancellationToken);
        var comments = await db.ReviewComments.AsNoTracking().Where(c => ids.Contains(c.ApplicationId)).GroupBy(c => c.ApplicationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var mine = await db.ConflictsOfInterest.AsNoTracking().Where(c => c.PersonId == personId && ids.Contains(c.ApplicationId))
            .Select(c => c.ApplicationId).ToListAsync(cancellationToken);
        var forms = await db.ApplicationDrafts.AsNoTracking().Where(d => ids.Contains(d.ApplicationId))
            .ToDictionaryAsync(d => d.ApplicationId, d => d.StateJson, cancellationToken);
        return [.. applications.OrderBy(a => meetings.Where(m => m.ApplicationId == a.Id).Select(m => (DateOnly?)m.Date).Min() ?? DateOnly.MaxValue).ThenBy(a => a.FirstSubmittedOn)
            .Select(a =>
            {
                var organisation = organisations[a.OrganisationId];
                var result = ApplicationCheck.Evaluate(organisation, forms.GetValueOrDefault(a.Id), today, a.FirstSubmittedOn);
                return new AwaitingApplication(
                    a.Id, organisation.Id, organisation.Name, a.Status, a.FirstSubmittedOn,
                    [.. a.ClaimedCriteria.Select(code => result.Criteria.Single(c => c.Code == code))],
                    meetings.Where(m => m.ApplicationId == a.Id).Select(m => (DateOnly?)m.Date).Min(),
                    comments.GetValueOrDefault(a.Id), mine.Contains(a.Id));
            })];
    }
}
