using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Applications for recognition (rulebook §4) for the applicant's organisation; every method checks ownership.</summary>
public sealed class ApplicationService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    /// <summary>The open draft, or a new one on the latest published form version; null when not admitted or another application is open.</summary>
    public async Task<AssessmentContext?> OpenDraftAsync(ClaimsPrincipal user, Guid organisationId, bool start)
    {
        var person = Callers.RequirePerson(user);
        Callers.RequireOwn(user, organisationId);
        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        if (organisation.AdmissionStatus != AdmissionStatus.Admitted)
        {
            return null;
        }

        var applications = await db.Applications.Where(a => a.OrganisationId == organisationId).ToListAsync();
        var open = applications.FirstOrDefault(a => a.IsOpen);
        if (open is not null && open.Status != ApplicationStatus.Draft)
        {
            return null;
        }

        if (open is null && !start)
        {
            return null;
        }

        if (open is null)
        {
            var version = await db.FormVersions.Where(v => v.PublishedAt != null).MaxAsync(v => v.Version);
            open = Application.Create(Guid.NewGuid(), organisationId, version, time.GetUtcNow(), hasOtherOpenApplication: false);
            db.Applications.Add(open);
            db.ApplicationDrafts.Add(new ApplicationDraft { ApplicationId = open.Id, SavedAt = time.GetUtcNow() });
            db.Record(time.GetUtcNow(), person, "application.started", open.Id.ToString());
            await db.SaveChangesAsync();
        }

        var draft = await db.ApplicationDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == open.Id);
        var texts = FormTexts.Of(await db.FormVersions.AsNoTracking().SingleAsync(v => v.Version == open.FormVersion));
        var documents = await db.EvidenceDocuments.AsNoTracking().Where(d => d.ApplicationId == open.Id).ToListAsync();
        return new AssessmentContext(
            open,
            AssessmentState.FromJson(draft?.StateJson),
            texts,
            new OrganisationFacts(organisation.LegalForm, organisation.FoundedOn, organisation.Employees, organisation.GraceStartedOn),
            organisation.Name,
            [.. documents.OrderBy(d => d.UploadedAt)]);
    }

    /// <summary>§4: an admitted organisation with no open application may start one.</summary>
    public async Task<bool> MayStartAsync(ClaimsPrincipal user, Guid organisationId) =>
        await StartCheckAsync(user, organisationId) is { Admitted: true, OpenStatus: null };

    /// <summary>Whether a new application may start, and if not, exactly why: not admitted, or which application is open.</summary>
    public async Task<StartCheck> StartCheckAsync(ClaimsPrincipal user, Guid organisationId)
    {
        if (!OrganisationAccess.MayManage(user, organisationId))
        {
            return new StartCheck(false, null, null);
        }

        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId);
        var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync();
        var open = applications.FirstOrDefault(a => a.IsOpen);
        return new StartCheck(organisation.AdmissionStatus == AdmissionStatus.Admitted, open?.Status, open?.Id);
    }

    /// <summary>Saves the form as typed; only while the application is a draft of the user's organisation.</summary>
    public Task<ActionResult> SaveDraftAsync(ClaimsPrincipal user, Guid applicationId, AssessmentState state) => ServiceCall.RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var db = await factory.CreateDbContextAsync();
        var application = await Callers.OwnApplicationAsync(db, user, applicationId);
        if (application.Status != ApplicationStatus.Draft)
        {
            throw new DomainException("application.not-draft", "Only a draft is saved.");
        }

        var draft = await db.ApplicationDrafts.FirstOrDefaultAsync(d => d.ApplicationId == applicationId);
        if (draft is null)
        {
            draft = new ApplicationDraft { ApplicationId = applicationId };
            db.ApplicationDrafts.Add(draft);
        }

        draft.StateJson = state.ToJson();
        draft.SavedAt = time.GetUtcNow();
        await db.SaveChangesAsync();
    });

    /// <summary>§4: submits the claimed criteria; refuses (domain) when not admitted or nothing claimed.</summary>
    public Task<ActionResult> SubmitAsync(ClaimsPrincipal user, Guid applicationId, AssessmentState state) => ServiceCall.RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(state);
        var person = Callers.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await Callers.OwnApplicationAsync(db, user, applicationId);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
        var otherOpen = (await db.Applications.Where(a => a.OrganisationId == application.OrganisationId && a.Id != applicationId).ToListAsync()).Any(a => a.IsOpen);
        application.Claim(state.ClaimedCriteria);
        application.Submit(time.GetUtcNow(), organisation.AdmissionStatus == AdmissionStatus.Admitted, otherOpen);
        var draft = await db.ApplicationDrafts.FirstOrDefaultAsync(d => d.ApplicationId == applicationId);
        if (draft is not null)
        {
            draft.StateJson = state.ToJson();
            draft.SavedAt = time.GetUtcNow();
        }

        db.Record(time.GetUtcNow(), person, "application.submitted", applicationId.ToString());
        await db.SaveChangesAsync();
    });

    public Task<ActionResult> WithdrawAsync(ClaimsPrincipal user, Guid applicationId) => ServiceCall.RunAsync(async () =>
    {
        var person = Callers.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await Callers.OwnApplicationAsync(db, user, applicationId);
        application.Withdraw(time.GetUtcNow());
        db.Record(time.GetUtcNow(), person, "application.withdrawn", applicationId.ToString());
        await db.SaveChangesAsync();
    });

    /// <summary>The field of the answer form that a missing answer is shown beside.</summary>
    public const string AnswerField = "Text";

    /// <summary>§4: answering the commission's question resubmits.</summary>
    public Task<ActionResult> AnswerAsync(ClaimsPrincipal user, Guid applicationId, string? answer) => ServiceCall.RunAsync(async () =>
    {
        var person = Callers.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await Callers.OwnApplicationAsync(db, user, applicationId);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return ActionResult.Invalid(new Dictionary<string, string> { [AnswerField] = "Applications.Error.AnswerRequired" });
        }

        application.Resubmit(time.GetUtcNow(), answer);
        db.Record(time.GetUtcNow(), person, "application.resubmitted", applicationId.ToString());
        await db.SaveChangesAsync();
        return ActionResult.Done;
    });

    /// <summary>
    /// A submitted application of the user's own organisation, for the entrepreneur's own records: what was claimed with
    /// the answers as submitted, the evidence documents and the date submitted. Null for a draft or another organisation's.
    /// </summary>
    public async Task<SubmittedSummary?> SummaryAsync(ClaimsPrincipal user, Guid organisationId, Guid applicationId)
    {
        if (!OrganisationAccess.MayManage(user, organisationId))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.OrganisationId == organisationId);
        if (application?.FirstSubmittedOn is not { } submittedOn)
        {
            return null;
        }

        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId);
        var form = await db.ApplicationDrafts.AsNoTracking().Where(d => d.ApplicationId == applicationId).Select(d => d.StateJson).SingleOrDefaultAsync();
        var documents = await db.EvidenceDocuments.AsNoTracking().Where(d => d.ApplicationId == applicationId).ToListAsync();
        return new SubmittedSummary(
            application, organisation.Name, organisation.KvkNumber.Value, submittedOn, form is null ? null : AssessmentState.FromJson(form),
            [.. documents.OrderBy(d => d.UploadedAt)]); // SQLite cannot order by a DateTimeOffset
    }

    public async Task<List<Application>> ApplicationsOfAsync(ClaimsPrincipal user, Guid organisationId)
    {
        Callers.RequireOwn(user, organisationId);
        await using var db = await factory.CreateDbContextAsync();
        var list = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync();
        return [.. list.OrderByDescending(a => a.Timeline.Min(e => e.At))];
    }
}
