using KIP.Web.Identity;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>GET /documenten/{id}: an evidence document as an attachment, for those who may read it.</summary>
public static class EvidenceEndpoints
{
    public const string Path = "/documenten";

    public static string UrlFor(Guid id) => $"{Path}/{id}";

    public static void MapEvidenceDocuments(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path + "/{id:guid}", async (Guid id, HttpContext http, EvidenceService evidence, EvidenceStore store) =>
        {
            var document = await evidence.ReadableDocumentAsync(http.User, id);
            if (document is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(store.Open(document.StoredName), document.ContentType, EvidenceStore.SafeName(document.FileName));
        }).RequireAuthorization(KipPolicies.SignedIn);
}
