using System.Security.Claims;
using KIP.Domain.Applications;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

/// <summary>
/// Before the session: what the commission and applicants write about applications awaiting review — comments,
/// questions and answers — and the commission's advice to the coordination team. Reads are <see cref="ReviewQueries"/>,
/// declarations of conflicts <see cref="ConflictDeclarations"/>.
/// </summary>
public sealed class ReviewPreparationService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time)
{
    public const int TextMaxLength = 4000;
    public const int SubjectMaxLength = 200;

    public Task<ActionResult> CommentAsync(ClaimsPrincipal user, Guid applicationId, string? text, CancellationToken cancellationToken = default) =>
        ReviewWrites.ChangeAsync(factory, guard, time, user, applicationId, text, "Review.Error.CommentRequired", async (db, actor, value, now) =>
        {
            db.ReviewComments.Add(new ReviewComment { Id = Guid.NewGuid(), ApplicationId = applicationId, PersonId = actor, Text = value, At = now });
            db.Record(now, actor, "review.comment", $"application:{applicationId}");
            return await Task.FromResult(ActionResult.Done);
        }, cancellationToken);

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
}
