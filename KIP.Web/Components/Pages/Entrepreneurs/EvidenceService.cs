using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>The evidence documents of an application (rulebook §4): added by the applicant, read by those who judge it.</summary>
public sealed class EvidenceService(IDbContextFactory<KipDbContext> factory, TimeProvider time, EvidenceStore store)
{
    /// <summary>Stores an evidence document for a claimed criterion of the user's draft.</summary>
    /// <remarks>Refused with <c>Upload.Error.*</c> (its text takes the file's name) when the file is not one KIP keeps.</remarks>
    public Task<ActionResult<EvidenceDocument>> UploadAsync(ClaimsPrincipal user, Guid applicationId, CriterionCode criterion, string fileName, Stream content) => ServiceCall.RunAsync<EvidenceDocument>(async () =>
    {
        ArgumentNullException.ThrowIfNull(criterion);
        var person = Callers.RequirePerson(user);
        await using var db = await factory.CreateDbContextAsync();
        var application = await Callers.OwnApplicationAsync(db, user, applicationId);
        if (application.Status is not (ApplicationStatus.Draft or ApplicationStatus.MoreInformationRequested))
        {
            throw new DomainException("application.not-editable", "Documents are added only to a draft.");
        }

        var (error, stored, type, size) = await store.SaveAsync(content, fileName);
        if (error != UploadError.None)
        {
            return ActionResult.Refused($"Upload.Error.{error}");
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
        return ActionResult.DoneWith(document);
    });

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
}
