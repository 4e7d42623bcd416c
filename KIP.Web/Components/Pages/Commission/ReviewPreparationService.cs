using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

public sealed record AwaitingApplication(
    Guid Id, Guid OrganisationId, string OrganisationName, ApplicationStatus Status, DateOnly? SubmittedOn,
    IReadOnlyList<CriterionOutcome> Checks, DateOnly? MeetingDate, int Comments, bool MyConflict);

public sealed record NoteView(Guid Id, string PersonName, string Text, DateTimeOffset At);

public sealed record QuestionView(Guid Id, string FromName, string Text, DateTimeOffset AskedAt, string? Answer, string? AnsweredByName, DateTimeOffset? AnsweredAt);

public sealed record ApplicationDetail(
    AwaitingApplication Summary, Organisation Organisation, OrganisationProfile? Profile, IReadOnlyList<ApplicationEvent> Timeline,
    IReadOnlyList<NoteView> Comments, IReadOnlyList<NoteView> Conflicts, IReadOnlyList<QuestionView> Questions,
    AssessmentState? Form, IReadOnlyList<EvidenceDocument> Documents);

public sealed record AdviceView(Guid Id, string MemberName, bool Asked, string Subject, string Text, DateTimeOffset GivenAt);

/// <summary>
/// Before the session: what the commission reads and writes about applications awaiting
/// review. The check per criterion is KIP.Domain's <see cref="EligibilityCheck"/> over the submitted assessment form
/// and the organisation's stored data — the same answer the applicant saw while filling in the form.
/// </summary>
public sealed class ReviewPreparationService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time, ISessionNotifier notifier)
{
    public const int TextMaxLength = 4000;
    public const int SubjectMaxLength = 200;

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

    public Task<ActionResult> CommentAsync(ClaimsPrincipal user, Guid applicationId, string? text, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, applicationId, text, "Review.Error.CommentRequired", async (db, actor, value, now) =>
        {
            db.ReviewComments.Add(new ReviewComment { Id = Guid.NewGuid(), ApplicationId = applicationId, PersonId = actor, Text = value, At = now });
            db.Record(now, actor, "review.comment", $"application:{applicationId}");
            return await Task.FromResult(ActionResult.Done);
        }, cancellationToken);

    /// <summary>§6: a member declares a conflict of interest ahead; the live session treats it as a recusal for the item.</summary>
    public async Task<ActionResult> DeclareConflictAsync(ClaimsPrincipal user, Guid applicationId, string? reason, CancellationToken cancellationToken = default)
    {
        var result = await DeclareAsync(user, applicationId, reason, cancellationToken);
        if (result.Succeeded)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await AnnounceToOpenMeetingAsync(db, applicationId);
        }

        return result;
    }

    private Task<ActionResult> DeclareAsync(ClaimsPrincipal user, Guid applicationId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(user, applicationId, reason, "Review.Error.ReasonRequired", async (db, actor, value, now) =>
        {
            if (await db.ConflictsOfInterest.AnyAsync(c => c.ApplicationId == applicationId && c.PersonId == actor, cancellationToken))
            {
                return ActionResult.Refused("Review.Error.ConflictAlreadyDeclared");
            }

            if (await HasComeToTheFloorAsync(db, applicationId, since: null, cancellationToken))
            {
                return ActionResult.Refused("Review.Error.ConflictOnTheFloor");
            }

            var meetingId = await db.AgendaEntries
                .Where(e => e.ApplicationId == applicationId && db.Meetings.Any(m => m.Id == e.MeetingId && m.Status != MeetingStatus.Closed))
                .Select(e => (Guid?)e.MeetingId).FirstOrDefaultAsync(cancellationToken);
            db.ConflictsOfInterest.Add(new ConflictOfInterest { Id = Guid.NewGuid(), MeetingId = meetingId, ApplicationId = applicationId, PersonId = actor, Reason = value, DeclaredAt = now });
            db.Record(now, actor, "review.conflict-declared", $"application:{applicationId}", value);
            return ActionResult.Done;
        }, cancellationToken);

    /// <summary>
    /// §6: a member withdraws the conflict they declared ahead — only until the item comes to the floor (from then on
    /// the recusal stands for that session). Recorded in the audit log.
    /// </summary>
    public async Task<ActionResult> WithdrawConflictAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var conflict = await db.ConflictsOfInterest.SingleOrDefaultAsync(c => c.ApplicationId == applicationId && c.PersonId == actor, cancellationToken);
        if (conflict is null)
        {
            return ActionResult.Refused("Review.Error.NoConflict");
        }

        if (await HasComeToTheFloorAsync(db, applicationId, conflict.DeclaredAt, cancellationToken))
        {
            return ActionResult.Refused("Review.Error.ConflictOnTheFloor");
        }

        var now = time.GetUtcNow();
        db.ConflictsOfInterest.Remove(conflict);
        db.Record(now, actor.Value, "review.conflict-withdrawn", $"application:{applicationId}", conflict.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceToOpenMeetingAsync(db, applicationId);
        return ActionResult.Done;
    }

    /// <summary>A member answers an applicant's question; the answer can be written once.</summary>
    public async Task<ActionResult> AnswerAsync(ClaimsPrincipal user, Guid questionId, string? answer, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > TextMaxLength)
        {
            return ActionResult.Refused("Review.Error.AnswerRequired");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var question = await db.ApplicantQuestions.SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
        if (question is null)
        {
            return ActionResult.Refused("Review.Error.QuestionUnknown");
        }

        if (question.Answer is not null)
        {
            return ActionResult.Refused("Review.Error.AlreadyAnswered");
        }

        var now = time.GetUtcNow();
        question.Answer = text;
        question.AnsweredBy = actor;
        question.AnsweredAt = now;
        db.Record(now, actor, "review.question-answered", $"application:{question.ApplicationId}", $"question {question.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>An entrepreneur of the applying organisation asks the commission a question.</summary>
    public async Task<ActionResult> AskAsync(ClaimsPrincipal user, Guid applicationId, string? text, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Entrepreneur);
        var question = text?.Trim();
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        if (string.IsNullOrEmpty(question) || question.Length > TextMaxLength)
        {
            return ActionResult.Refused("Review.Error.QuestionRequired");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || !await db.OrganisationMembers.AnyAsync(m => m.PersonId == actor && m.OrganisationId == application.OrganisationId, cancellationToken))
        {
            return ActionResult.NotAllowed;
        }

        var now = time.GetUtcNow();
        db.ApplicantQuestions.Add(new ApplicantQuestion { Id = Guid.NewGuid(), ApplicationId = applicationId, FromPersonId = actor.Value, Text = question, AskedAt = now });
        db.Record(now, actor, "application.question", $"application:{applicationId}");
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>§5: advice to the coordination team, asked or unasked.</summary>
    public async Task<ActionResult> AdviseAsync(ClaimsPrincipal user, bool asked, string? subject, string? text, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        var title = subject?.Trim();
        var body = text?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > SubjectMaxLength)
        {
            return ActionResult.Refused("Advice.Error.SubjectRequired");
        }

        if (string.IsNullOrEmpty(body) || body.Length > TextMaxLength)
        {
            return ActionResult.Refused("Advice.Error.TextRequired");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var advice = new Advice { Id = Guid.NewGuid(), PersonId = actor.Value, Asked = asked, Subject = title, Text = body, GivenAt = now };
        db.Advice.Add(advice);
        db.Record(now, actor, "advice.given", $"advice:{advice.Id}", title);
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>The advice as the coordination team reads it, newest first.</summary>
    public async Task<IReadOnlyList<AdviceView>> AdviceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var advice = await db.Advice.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. advice.OrderByDescending(a => a.GivenAt).Select(a => new AdviceView(a.Id, names.GetValueOrDefault(a.PersonId) ?? string.Empty, a.Asked, a.Subject, a.Text, a.GivenAt))];
    }

    /// <summary>
    /// §6: a declaration ahead changes only until its item comes to the floor: refused when the application is, in an
    /// open meeting, on the floor (the first item without a result) or treated, or — for a declaration made at
    /// <paramref name="since"/> — was on the agenda of a meeting held after it (the recusal is in that record).
    /// </summary>
    private static async Task<bool> HasComeToTheFloorAsync(KipDbContext db, Guid applicationId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var held = await db.AgendaEntries.AsNoTracking().Where(e => e.ApplicationId == applicationId)
            .Join(db.Meetings.Where(m => m.Status != MeetingStatus.Planned), e => e.MeetingId, m => m.Id, (e, m) => new { Entry = e, m.Status, m.OpenedAt })
            .ToListAsync(cancellationToken);
        foreach (var meeting in held)
        {
            if (meeting.Status == MeetingStatus.Closed)
            {
                if (since is not null && meeting.OpenedAt > since)
                {
                    return true;
                }

                continue;
            }

            var waiting = await db.AgendaEntries.AsNoTracking()
                .AnyAsync(e => e.MeetingId == meeting.Entry.MeetingId && e.Position < meeting.Entry.Position && e.Result == null, cancellationToken);
            if (meeting.Entry.Result is not null || !waiting)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Open session screens reload when a declaration for one of their items changes.</summary>
    private async Task AnnounceToOpenMeetingAsync(KipDbContext db, Guid applicationId)
    {
        var meetings = await db.AgendaEntries.AsNoTracking().Where(e => e.ApplicationId == applicationId)
            .Join(db.Meetings.Where(m => m.Status != MeetingStatus.Closed), e => e.MeetingId, m => m.Id, (e, m) => m.Id).ToListAsync();
        foreach (var meeting in meetings)
        {
            await notifier.PublishAsync(new SessionChanged(meeting, "conflict"));
        }
    }

    private async Task<ActionResult> ChangeAsync(
        ClaimsPrincipal user, Guid applicationId, string? text, string requiredKey,
        Func<KipDbContext, Guid, string, DateTimeOffset, Task<ActionResult>> change, CancellationToken cancellationToken)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > TextMaxLength)
        {
            return ActionResult.Refused(requiredKey);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Applications.AnyAsync(a => a.Id == applicationId && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview), cancellationToken))
        {
            return ActionResult.Refused("Review.Error.NotAwaitingReview");
        }

        var result = await change(db, actor.Value, value, time.GetUtcNow());
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
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
