using Microsoft.Net.Http.Headers;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>GET /logos/{organisationId}: an admitted organisation's logo, for anyone; 404 otherwise.</summary>
public static class LogoEndpoints
{
    public const string Path = "/logos";

    public static void MapLogos(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path + "/{id:guid}", async (Guid id, HttpContext http, LogoService logos, LogoStore store) =>
        {
            var stored = await logos.PublicLogoAsync(id, http.RequestAborted);
            if (stored is null || !store.Exists(stored))
            {
                return Results.NotFound();
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(store.Open(stored), LogoStore.ContentType, entityTag: new EntityTagHeaderValue($"\"{System.IO.Path.GetFileNameWithoutExtension(stored)}\""));
        }).AllowAnonymous();
}
