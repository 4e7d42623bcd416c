using System.Security.Claims;
using System.Text.Json;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Organisations;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>A form version's texts for the page.</summary>
public sealed record FormTexts(int Version, string Title, string Explanation, IReadOnlyDictionary<string, string> Guidance)
{
    public static FormTexts Of(FormVersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Version, record.Title, record.Explanation, ParseGuidance(record.GuidanceJson));
    }

    public static Dictionary<string, string> ParseGuidance(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>What the assessment page works on: the application, its draft, its form version and the organisation's facts.</summary>
/// <summary>A submitted application as its summary page prints it.</summary>
public sealed record SubmittedSummary(
    Application Application, string OrganisationName, string Kvk, DateOnly SubmittedOn, AssessmentState? Form, IReadOnlyList<EvidenceDocument> Documents);

/// <summary>Why a new application may or may not start: the organisation's admission, and the open application if any.</summary>
public sealed record StartCheck(bool Admitted, ApplicationStatus? OpenStatus, Guid? OpenApplicationId);

public sealed record AssessmentContext(
    Application Application,
    AssessmentState State,
    FormTexts Texts,
    OrganisationFacts Facts,
    string OrganisationName,
    IReadOnlyList<EvidenceDocument> Documents);

/// <summary>Applications for recognition (rulebook §4) for the applicant's organisation; every method checks ownership.</summary>
public sealed class ApplicationService(IDbContextFactory<KipDbContext> factory, TimeProvider time, EvidenceStore evidence)
{
    /// <summary>The open draft, or a new one on the latest published form version; null when not admitted or another application is open.</summary>
    public async Task<AssessmentContext?> OpenDraftAsync(ClaimsPrincipal user, Guid organisationId, bool start)
    {
        var person = OrganisationService.RequirePerson(user);
        OrganisationService.RequireOwn(user, organisationId);
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
    public async Task SaveDraftAsync(ClaimsPrincipal user, Guid applicationId, AssessmentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var db = await factory.CreateDbContextAsync();
        var application = await OwnApplicationAsync(db, user, applicationId);
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
    }

    /// <summary>§4: submits the claimed criteria; refuses (domain) when not admitted or nothing claimed.</summary>
    public async Task SubmitAsync(ClaimsPrincipal user, Guid applicationId, AssessmentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var person = OrganisationService.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await OwnApplicationAsync(db, user, applicationId);
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
    }

    public async Task WithdrawAsync(ClaimsPrincipal user, Guid applicationId)
    {
        var person = OrganisationService.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await OwnApplicationAsync(db, user, applicationId);
        application.Withdraw(time.GetUtcNow());
        db.Record(time.GetUtcNow(), person, "application.withdrawn", applicationId.ToString());
        await db.SaveChangesAsync();
    }

    /// <summary>§4: answering the commission's question resubmits.</summary>
    public async Task AnswerAsync(ClaimsPrincipal user, Guid applicationId, string answer)
    {
        var person = OrganisationService.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await OwnApplicationAsync(db, user, applicationId);
        if (string.IsNullOrWhiteSpace(answer))
        {
            throw new DomainException("application.answer-required", "An answer is required.");
        }

        application.Resubmit(time.GetUtcNow(), answer);
        db.Record(time.GetUtcNow(), person, "application.resubmitted", applicationId.ToString());
        await db.SaveChangesAsync();
    }

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
        OrganisationService.RequireOwn(user, organisationId);
        await using var db = await factory.CreateDbContextAsync();
        var list = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync();
        return [.. list.OrderByDescending(a => a.Timeline.Min(e => e.At))];
    }

    /// <summary>Stores an evidence document for a claimed criterion of the user's draft.</summary>
    public async Task<(UploadError Error, EvidenceDocument? Document)> UploadAsync(ClaimsPrincipal user, Guid applicationId, CriterionCode criterion, string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        var person = OrganisationService.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await OwnApplicationAsync(db, user, applicationId);
        if (application.Status is not (ApplicationStatus.Draft or ApplicationStatus.MoreInformationRequested))
        {
            throw new DomainException("application.not-editable", "Documents are added only to a draft.");
        }

        var (error, stored, type, size) = await evidence.SaveAsync(content, fileName);
        if (error != UploadError.None)
        {
            return (error, null);
        }

        var document = new EvidenceDocument
        {
            Id = Guid.NewGuid(),
            ApplicationId = applicationId,
            OrganisationId = application.OrganisationId,
            Criterion = criterion.Value,
            FileName = EvidenceStore.SafeName(fileName),
            StoredName = stored!,
            ContentType = type!,
            Size = size,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = person,
        };
        db.EvidenceDocuments.Add(document);
        db.Record(time.GetUtcNow(), person, "evidence.uploaded", applicationId.ToString(), document.FileName);
        await db.SaveChangesAsync();
        return (UploadError.None, document);
    }

    /// <summary>The document, when the user may read it: the applicant's members, the commission, the coordination team.</summary>
    public async Task<EvidenceDocument?> ReadableDocumentAsync(ClaimsPrincipal user, Guid documentId)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync();
        var document = await db.EvidenceDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId);
        if (document is null)
        {
            return null;
        }

        return user.IsInRole(KipRoles.Commission) || user.IsInRole(KipRoles.Coordination) || OrganisationAccess.MayManage(user, document.OrganisationId)
            ? document
            : null;
    }

    private static async Task<Application> OwnApplicationAsync(KipDbContext db, ClaimsPrincipal user, Guid applicationId)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId)
            ?? throw new UnauthorizedAccessException("Unknown application.");
        OrganisationService.RequireOwn(user, application.OrganisationId);
        return application;
    }
}
