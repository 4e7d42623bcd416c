using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace KIP.Web.Localization;

/// <summary>The languages KIP speaks: Dutch by default, English on request (product.md, "Language and look").</summary>
public static class KipCultures
{
    public const string Dutch = "nl-NL";
    public const string English = "en-GB";

    public static readonly IReadOnlyList<string> Supported = [Dutch, English];

    public static CultureInfo Default => CultureInfo.GetCultureInfo(Dutch);

    /// <summary>The URL that switches language and returns to <paramref name="returnUrl"/>.</summary>
    public static string SwitchUrl(string culture, string returnUrl) =>
        $"/taal?cultuur={Uri.EscapeDataString(culture)}&terug={Uri.EscapeDataString(returnUrl)}";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        // Sets the culture cookie and reloads the page the user was on; inputs that matter live in the URL.
        endpoints.MapGet("/taal", (HttpContext context, string? cultuur, string? terug) =>
            {
                var culture = Supported.Contains(cultuur ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                    ? Supported.First(c => string.Equals(c, cultuur, StringComparison.OrdinalIgnoreCase))
                    : Dutch;
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
                return Results.LocalRedirect(KIP.Web.Identity.ReturnAddress.LocalOrHome(terug));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
