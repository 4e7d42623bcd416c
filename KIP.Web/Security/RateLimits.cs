using System.Globalization;
using System.Threading.RateLimiting;
using KIP.Web.Api;
using KIP.Web.Identity;
using KIP.Web.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Security;

/// <summary>
/// Rate limits (ASVS 5.0 V2.4.1) with ASP.NET Core's own limiter: the public API and shortlist links counted per
/// signed-in person (their own bucket) or, for a visitor, per IP address; signing in per IP address. Beyond the limit the answer
/// is 429 with <c>Retry-After</c> and a Dutch problem+json. Limits come from <see cref="KipLimitsOptions"/>.
/// </summary>
public static class RateLimits
{
    /// <summary>Which limit a request falls under, or null for none.</summary>
    public static string? CategoryOf(PathString path)
    {
        if (path.StartsWithSegments(ApiSetup.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return nameof(KipLimitsOptions.Api);
        }

        // The token endpoint is called server to server (with the code and its PKCE verifier), not by browsers.
        if (path.StartsWithSegments("/authentication", StringComparison.OrdinalIgnoreCase)
            || (path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments(EmbeddedProvider.TokenPath, StringComparison.OrdinalIgnoreCase)))
        {
            return nameof(KipLimitsOptions.SignIn);
        }

        return path.StartsWithSegments("/gedeeld", StringComparison.OrdinalIgnoreCase) ? nameof(KipLimitsOptions.Share) : null;
    }

    /// <summary>Whose bucket: the signed-in person's own (scheme and subject), else the client's IP address.</summary>
    public static string ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirst(KipClaims.Subject)?.Value is { Length: > 0 } subject)
        {
            return $"person:{user.FindFirst(KipClaims.Scheme)?.Value}:{subject}";
        }

        return "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public static IServiceCollection AddKipRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>
    /// Signing in, before authentication: the embedded provider answers its <c>/connect</c> requests inside the
    /// authentication step, so the limit must come first. Nobody is signed in yet there: per IP address.
    /// </summary>
    public static WebApplication UseKipSignInRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter(Options(app, nameof(KipLimitsOptions.SignIn)));
        return app;
    }

    /// <summary>The API and shared links, after authentication, so a signed-in person has their own bucket.</summary>
    public static WebApplication UseKipRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter(Options(app, nameof(KipLimitsOptions.Api), nameof(KipLimitsOptions.Share)));
        return app;
    }

    private static RateLimiterOptions Options(WebApplication app, params string[] categories)
    {
        var limits = app.Services.GetRequiredService<IOptions<KipLimitsOptions>>().Value;
        return new RateLimiterOptions
        {
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            OnRejected = RejectAsync,
            GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var category = CategoryOf(http.Request.Path);
                if (category is null || !categories.Contains(category))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var rule = category switch
                {
                    nameof(KipLimitsOptions.Api) => limits.Api,
                    nameof(KipLimitsOptions.SignIn) => limits.SignIn,
                    _ => limits.Share,
                };
                return RateLimitPartition.GetFixedWindowLimiter($"{category}|{ClientOf(http)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, rule.PermitLimit),
                    Window = TimeSpan.FromSeconds(Math.Max(1, rule.WindowSeconds)),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }),
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        // The API speaks Dutch whatever the visitor's language, and signing in is limited before the language is known;
        // a shared link's page follows the visitor's language.
        var culture = CategoryOf(http.Request.Path) == nameof(KipLimitsOptions.Share) ? CultureInfo.CurrentUICulture : KipCultures.Default;
        var text = http.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(Text));
        string Say(Func<IStringLocalizer, string> say)
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                return say(text);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }

        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = Say(t => t["Limits.TooManyRequests.Title"]),
            Detail = Say(t => t.Plural("Limits.TooManyRequests.Detail", seconds)),
            Type = "https://datatracker.ietf.org/doc/html/rfc6585#section-4",
            Instance = http.Request.Path,
        };
        http.Response.Headers.ContentLanguage = culture.Name;
        await http.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
    }
}
