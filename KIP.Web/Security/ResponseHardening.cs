using KIP.Web.Identity;
using KIP.Web.Settings;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using NetEscapades.AspNetCore.SecurityHeaders;

namespace KIP.Web.Security;

/// <summary>
/// Hardened responses (ASVS 5.0 V3.4, V3.3.1, V14.3.2): security headers on every answer, a Content-Security-Policy
/// that Blazor Server and MudBlazor work under, cookies that only travel over TLS, no caching of what a signed-in
/// person sees or downloads, and no <c>Server</c> banner.
/// </summary>
public static class ResponseHardening
{
    /// <summary>The session cookie's name over TLS; <c>__Host-</c> binds it to exactly this host, path <c>/</c>, Secure.</summary>
    public const string HostPrefix = "__Host-";

    /// <summary>
    /// Whether KIP is served over TLS: everywhere except the Development environment, unless the operator declared
    /// a plain-http public address (<c>Kip:PublicUrl=http://…</c>, as the tests and a demo on a laptop do). Then cookies
    /// keep plain names and follow the request's scheme, and there is no HSTS or HTTPS redirection.
    /// </summary>
    public static bool RequiresTls(KipOptions kip, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(kip);
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.IsDevelopment() && kip.PublicAddress?.Scheme != Uri.UriSchemeHttp;
    }

    public static WebApplicationBuilder AddKipHardening(this WebApplicationBuilder builder, KipStartSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var services = builder.Services;
        var kip = settings.Get<KipOptions>();
        var tls = RequiresTls(kip, builder.Environment);
        var authorities = settings.Get<KipAuthOptions>()
            .Schemes.Values
            .Select(s => Uri.TryCreate(s.Authority, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddSecurityHeaderPolicies(policies => policies.SetDefaultPolicy(headers => Headers(headers, authorities, tls)));

        if (tls)
        {
            // Every cookie KIP sets for a session or a sign-in is Secure and host-bound (__Host-: Secure, Path=/, no Domain).
            services.PostConfigureAll<CookieAuthenticationOptions>(cookie => HostOnly(cookie.Cookie));
            services.PostConfigureAll<OpenIdConnectOptions>(oidc =>
            {
                oidc.CorrelationCookie.Name = HostPrefix + "kip.correlation.";
                HostOnly(oidc.CorrelationCookie);
                oidc.NonceCookie.Name = HostPrefix + "kip.nonce.";
                HostOnly(oidc.NonceCookie);
            });
            services.Configure<AntiforgeryOptions>(antiforgery =>
            {
                antiforgery.Cookie.Name = HostPrefix + "kip.antiforgery";
                HostOnly(antiforgery.Cookie);
            });
            services.AddHttpsRedirection(https =>
            {
                var publicUrl = kip.PublicAddress;
                if (publicUrl?.Scheme == Uri.UriSchemeHttps)
                {
                    https.HttpsPort = publicUrl.Port;
                }
            });
        }

        return builder;
    }

    /// <summary>Right after the forwarded headers: HTTPS redirection (over TLS), the security headers, the sign-in rate limit and <c>Cache-Control</c>.</summary>
    public static WebApplication UseKipHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (RequiresTls(app.Services.GetRequiredService<IOptions<KipOptions>>().Value, app.Environment))
        {
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseKipSignInRateLimits();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                if (MustNotBeStored(http))
                {
                    http.Response.Headers.CacheControl = "no-store";
                    http.Response.Headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    /// <summary>
    /// Downloads of exports and evidence documents, and whatever a signed-in person is shown, stay out of every cache
    /// (a shared computer's browser cache, a proxy). Static files and logos keep the caching their endpoints chose.
    /// </summary>
    public static bool MustNotBeStored(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Request.Path;
        if (path.StartsWithSegments(Components.Pages.Entrepreneurs.EvidenceEndpoints.Path, StringComparison.OrdinalIgnoreCase)
            || (path.StartsWithSegments("/inkoop", StringComparison.OrdinalIgnoreCase) && path.Value!.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            || path.StartsWithSegments("/gedeeld", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return http.User.Identity?.IsAuthenticated == true && http.Response.Headers.CacheControl.Count == 0;
    }

    private static void HostOnly(CookieBuilder cookie)
    {
        if (cookie.Name is { } name && !name.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            cookie.Name = HostPrefix + name;
        }

        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    /// <summary>
    /// The headers of every answer. The CSP allows scripts only from KIP itself plus the one inline script Blazor
    /// renders (the import map), by this response's nonce; no <c>unsafe-eval</c>. Styles allow <c>'unsafe-inline'</c>:
    /// MudBlazor sets <c>style</c> attributes and a theme <c>&lt;style&gt;</c> element from the circuit, which no nonce can
    /// cover; style injection cannot run script, and scripts stay locked. <c>connect-src 'self'</c> includes the hub's
    /// WebSocket on the same host (CSP level 3).
    /// </summary>
    private static void Headers(HeaderPolicyCollection headers, IReadOnlyList<string> authorities, bool tls)
    {
        headers.AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddFrameOptionsSameOrigin()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 365 * 24 * 60 * 60)
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().WithNonce();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddFrameAncestors().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                var formAction = csp.AddFormAction().Self();
                foreach (var authority in authorities)
                {
                    // Signing out posts to KIP, which sends the browser on to the authority's end-session page.
                    formAction.From(authority);
                }

                if (tls)
                {
                    csp.AddUpgradeInsecureRequests();
                }
            });
        headers.AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().None();
            permissions.AddMicrophone().None();
            permissions.AddGeolocation().None();
            permissions.AddPayment().None();
        });
    }
}
