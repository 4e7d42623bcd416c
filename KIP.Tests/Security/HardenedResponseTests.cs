using System.Net;
using System.Text.RegularExpressions;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KIP.Tests.Security;

/// <summary>
/// Hardened responses (ASVS 5.0 V3.4, V3.3.1, V14.3.2): each kind of answer KIP gives — a page, the API, a static file,
/// a download, the health check — carries the security headers; the CSP locks scripts to KIP's own and the import
/// map's nonce; cookies over TLS are Secure and host-bound; what a signed-in person downloads or sees is not stored.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class HardenedResponseTests(AppFixture fixture)
{
    private static void AssertCommonHeaders(HttpResponseMessage response, string what)
    {
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), $"{what} names its server: {string.Join(",", response.Headers.Server)}");
        Assert.False(response.Headers.Contains("X-Powered-By"), what);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static Dictionary<string, string> Csp(HttpResponseMessage response)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.False(string.IsNullOrEmpty(csp), "no Content-Security-Policy");
        return csp!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
    }

    [Fact]
    public async Task V3_4_1_Every_response_class_page_api_static_file_health_and_download_carries_the_security_headers()
    {
        using var anonymous = fixture.App.CreateHttpClient();
        using var page = await anonymous.GetAsync(new Uri("/aanbod", UriKind.Relative));
        AssertCommonHeaders(page, "page");
        Assert.Contains("'self'", Csp(page)["frame-ancestors"], StringComparison.Ordinal);

        using var api = await anonymous.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative));
        AssertCommonHeaders(api, "API");
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);

        using var problem = await anonymous.GetAsync(new Uri("/api/v1/bestaat-niet", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("nosniff", Header(problem, "X-Content-Type-Options"));

        using var css = await anonymous.GetAsync(new Uri("/app.css", UriKind.Relative));
        AssertCommonHeaders(css, "static file");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);

        using var health = await anonymous.GetAsync(new Uri("/health", UriKind.Relative));
        AssertCommonHeaders(health, "health");

        using var officer = new KipSession(fixture.App.BaseUrl);
        await officer.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        using var download = await officer.GetAsync("/inkoop/export.csv");
        AssertCommonHeaders(download, "CSV download");
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task V3_4_3_The_CSP_allows_only_KIPs_own_scripts_and_the_import_map_by_a_fresh_nonce_never_eval()
    {
        using var client = fixture.App.CreateHttpClient();
        var nonces = new List<string>();
        foreach (var path in new[] { "/", "/aanbod", "/erkenningscheck", "/aanmelden" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var csp = Csp(response);
            var scripts = csp["script-src"];
            Assert.DoesNotContain("unsafe-eval", scripts, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
            Assert.DoesNotContain("*", scripts, StringComparison.Ordinal);
            Assert.Equal("'none'", csp["object-src"]);
            Assert.Equal("'self'", csp["base-uri"]);
            Assert.Equal("'self'", csp["frame-ancestors"]);
            Assert.Equal("'self'", csp["connect-src"]);
            Assert.StartsWith("'self'", csp["form-action"], StringComparison.Ordinal);
            Assert.Equal("'self'", csp["default-src"]);

            // The one inline script (the import map) carries this response's nonce, and it is the only inline script.
            var nonce = Regex.Match(scripts, "'nonce-([^']+)'").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(nonce), path);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain(InlineScripts().Matches(html), m => !m.Value.Contains("importmap", StringComparison.Ordinal));
            nonces.Add(nonce);
        }

        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public async Task V14_3_2_Downloads_and_what_a_signed_in_person_sees_are_not_stored_public_pages_and_files_keep_their_caching()
    {
        using var officer = new KipSession(fixture.App.BaseUrl);
        await officer.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");

        using var csv = await officer.GetAsync("/inkoop/export.csv?q=fiets");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.True(csv.Headers.CacheControl?.NoStore, "the CSV export may be stored: " + csv.Headers.CacheControl);

        using var page = await officer.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, "a signed-in page may be stored: " + page.Headers.CacheControl);

        // A static file keeps the caching its endpoint chose, for a signed-in person too.
        using var css = await officer.GetAsync("/app.css");
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);

        // A shared shortlist link shows a contract partner's notes: never cached either.
        using var anonymous = fixture.App.CreateHttpClient();
        using var shared = await anonymous.GetAsync(new Uri("/gedeeld/geen-geldige-link", UriKind.Relative));
        Assert.True(shared.Headers.CacheControl?.NoStore, "a shared link's page may be stored");
    }

    [Fact]
    public async Task V3_3_1_Over_TLS_cookies_are_Secure_and_host_bound_HSTS_is_sent_and_plain_http_is_redirected()
    {
        await using var app = new KipAppFactory(
            new Dictionary<string, string?>
            {
                ["Kip:PublicUrl"] = "https://kip.example.nl",
                ["Kip:Auth:AllowDemoAccounts"] = "true",
                ["Kip:ForwardedHeaders:Enabled"] = "true",
            },
            environment: "Staging");
        using var client = app.CreateHttpClient();

        // Plain http is sent to https.
        using var plain = await client.GetAsync(new Uri("/aanbod", UriKind.Relative));
        Assert.True(plain.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"{plain.StatusCode}");
        Assert.Equal(Uri.UriSchemeHttps, plain.Headers.Location?.Scheme);

        // Through the TLS-terminating proxy (X-Forwarded-Proto: https from loopback): HSTS, and a __Host- Secure cookie.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/aanbod");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "kip.example.nl";
        using var secure = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Header(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Contains("upgrade-insecure-requests", Header(secure, "Content-Security-Policy"), StringComparison.Ordinal);
        var antiforgery = secure.Headers.GetValues("Set-Cookie").Single(c => c.Contains("antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("__Host-kip.antiforgery=", antiforgery, StringComparison.Ordinal);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);

        // The session cookie, the provider's cookie, and the sign-in's correlation and nonce cookies alike.
        var cookies = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        foreach (var scheme in new[] { CookieAuthenticationDefaults.AuthenticationScheme, EmbeddedProvider.ProviderCookie })
        {
            var cookie = cookies.Get(scheme).Cookie;
            Assert.StartsWith(ResponseHardening.HostPrefix, cookie.Name, StringComparison.Ordinal);
            Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
            Assert.Equal("/", cookie.Path);
        }

        Assert.Equal("__Host-kip.session", cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.Name);
        var oidc = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(EmbeddedProvider.SchemeName);
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            Assert.StartsWith(ResponseHardening.HostPrefix, cookie.Name, StringComparison.Ordinal);
            Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
            Assert.Equal("/", cookie.Path);
        }

        Assert.Equal(CookieSecurePolicy.Always, app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task V3_3_2_Each_cookie_has_the_SameSite_its_purpose_allows_and_none_is_sent_cross_site_by_default()
    {
        await using var app = TlsApp();
        var cookies = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        // The session and the provider's cookie come back on the top-level GET from the authority: Lax.
        Assert.Equal(SameSiteMode.Lax, cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie.SameSite);
        Assert.Equal(SameSiteMode.Lax, cookies.Get(EmbeddedProvider.ProviderCookie).Cookie.SameSite);
        var oidc = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(EmbeddedProvider.SchemeName);
        Assert.Equal(SameSiteMode.Lax, oidc.CorrelationCookie.SameSite);
        Assert.Equal(SameSiteMode.Lax, oidc.NonceCookie.SameSite);

        // The antiforgery cookie is only ever needed by KIP's own forms: Strict.
        Assert.Equal(SameSiteMode.Strict, app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SameSite);
    }

    [Fact]
    public async Task V3_3_3_Over_TLS_every_cookie_is_bound_to_KIPs_own_host()
    {
        await using var app = TlsApp();
        var cookies = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var oidc = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(EmbeddedProvider.SchemeName);
        var antiforgery = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;
        foreach (var cookie in new[] { cookies.Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie, cookies.Get(EmbeddedProvider.ProviderCookie).Cookie, oidc.CorrelationCookie, oidc.NonceCookie, antiforgery })
        {
            Assert.StartsWith(ResponseHardening.HostPrefix, cookie.Name, StringComparison.Ordinal);
            Assert.Null(cookie.Domain);
        }
    }

    [Fact]
    public async Task V3_3_4_The_session_cookie_is_HttpOnly_when_a_person_signs_in()
    {
        using var officer = new KipSession(fixture.App.BaseUrl);
        await officer.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        var session = officer.Cookies.GetAllCookies().Single(c => c.Name == "kip.session");
        Assert.True(session.HttpOnly, "the session cookie is readable by scripts");
    }

    [Theory]
    [InlineData("/aanbod")]
    [InlineData("/api/v1/criteria")]
    [InlineData("/app.css")]
    [InlineData("/health")]
    [InlineData("/api/v1/bestaat-niet")]
    [InlineData("/bestaat-niet")]
    public async Task V3_4_4_Every_response_says_nosniff(string path)
    {
        using var anonymous = fixture.App.CreateHttpClient();
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/aanbod")]
    [InlineData("/api/v1/criteria")]
    [InlineData("/app.css")]
    [InlineData("/bestaat-niet")]
    public async Task V3_4_5_Every_response_keeps_KIPs_addresses_out_of_other_sites_referrers(string path)
    {
        using var anonymous = fixture.App.CreateHttpClient();
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/aanbod")]
    [InlineData("/erkenningscheck")]
    public async Task V3_4_6_A_page_may_be_framed_only_by_KIP_itself(string path)
    {
        using var anonymous = fixture.App.CreateHttpClient();
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("'self'", Csp(response)["frame-ancestors"]);
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/aanbod")]
    [InlineData("/api/v1/criteria")]
    [InlineData("/authentication/login")]
    public async Task V12_2_1_Outside_Development_every_plain_http_request_is_sent_to_https(string path)
    {
        await using var app = TlsApp();
        using var client = app.CreateHttpClient();
        using var plain = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(plain.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"{path}: {plain.StatusCode}");
        Assert.Equal(Uri.UriSchemeHttps, plain.Headers.Location?.Scheme);
    }

    [Fact]
    public async Task V4_4_1_Outside_Development_the_circuits_hub_is_not_reached_over_plain_http()
    {
        // The circuit's WebSocket starts with a negotiate on the page's own scheme: over plain http it is sent to
        // https, so the socket that follows is wss:.
        await using var app = TlsApp();
        using var client = app.CreateHttpClient();
        using var negotiate = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.True(negotiate.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"{negotiate.StatusCode}");
        Assert.Equal(Uri.UriSchemeHttps, negotiate.Headers.Location?.Scheme);
    }

    private static KipAppFactory TlsApp() => new(
        new Dictionary<string, string?>
        {
            ["Kip:PublicUrl"] = "https://kip.example.nl",
            ["Kip:Auth:AllowDemoAccounts"] = "true",
            ["Kip:ForwardedHeaders:Enabled"] = "true",
        },
        environment: "Staging");

    [Fact]
    public void V3_3_1_Only_Development_or_a_declared_plain_http_address_runs_without_TLS()
    {
        static bool Tls(string environment, string? publicUrl) => ResponseHardening.RequiresTls(
            new KIP.Web.Settings.KipOptions { PublicUrl = publicUrl },
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });

        Assert.False(Tls("Development", null));
        Assert.False(Tls("Development", "https://kip.example.nl"));
        Assert.True(Tls("Production", null));
        Assert.True(Tls("Production", "https://kip.example.nl"));
        Assert.True(Tls("Staging", "https://kip.example.nl"));

        // The tests (and a demo on a laptop) declare plain http on loopback: cookies follow the request's scheme.
        Assert.False(Tls("Production", "http://127.0.0.1:5000"));
    }

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScripts();
}
