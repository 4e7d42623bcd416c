using System.Globalization;
using System.Text.Json;
using KIP.Web.Identity;

namespace KIP.Web.Components.Pages.Privacy;

/// <summary>The download of one's own data (AVG art. 15 and 20): signed in, only the person's own data, never cached.</summary>
public static class PrivacyEndpoints
{
    public const string DownloadPath = "/mijn-gegevens/download";

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath, DownloadAsync).RequireAuthorization(KipPolicies.SignedIn).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, PersonalDataExport export, TimeProvider time)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        object data = context.User.PersonId() is { } person
            ? await export.ExportAsync(person, context.RequestAborted)
            : new
            {
                // Signed in, but not (yet) known in KIP's data: KIP holds only what the session says.
                exportedAt = time.GetUtcNow(),
                person = new { name = context.User.FindFirst(KipClaims.Name)?.Value, email = context.User.FindFirst(KipClaims.Email)?.Value },
            };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, PersonalDataExport.Json);
        var name = $"kip-mijn-gegevens-{time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json";
        return TypedResults.File(bytes, "application/json; charset=utf-8", name);
    }
}
