using System.Net;
using System.Net.Http.Headers;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Identity;

/// <summary>KIP on a fake clock, so idle and absolute session limits can be reached in a test.</summary>
public sealed class SessionApp : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public KipAppFactory App { get; private set; } = default!;

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public Task InitializeAsync()
    {
        App = new KipAppFactory(configure: host => host.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        App.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// The session lives on the server (ASVS V7.3, V7.4): signing out ends it for every copy of the cookie, it ends after
/// inactivity (30 minutes for staff roles, 2 hours for entrepreneurs) and 12 hours after signing in, with a page that
/// says so; roles taken away in KIP's data stop working on the next request.
/// </summary>
public sealed class SessionTests(SessionApp app) : IClassFixture<SessionApp>
{
    private Task<KipSession> SignInAsync(Guid person, string page) => KipSession.SignedInAsync(app.App.BaseUrl, person, page);

    /// <summary>A browser opening a page (it asks for HTML).</summary>
    private static Task<HttpResponseMessage> OpenAsync(KipSession session, string page)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(page, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return SendAsync(session, request);
    }

    private static async Task<HttpResponseMessage> SendAsync(KipSession session, HttpRequestMessage request)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = session.Cookies }, disposeHandler: true)
        {
            BaseAddress = session.BaseUrl,
        };
        return await client.SendAsync(request);
    }

    private static void AssertSignInRequired(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AccessSetup.LoginPath, response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.ToString(), StringComparison.Ordinal);
    }

    private static async Task AssertExpiredAsync(KipSession session, string page)
    {
        using var visit = await OpenAsync(session, page);
        Assert.Equal(HttpStatusCode.Redirect, visit.StatusCode);
        Assert.Equal($"/sessie-verlopen?returnUrl={Uri.EscapeDataString(page)}", visit.Headers.Location!.ToString());

        using var expired = await OpenAsync(session, visit.Headers.Location.ToString());
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        var html = await expired.Content.ReadAsStringAsync();
        Assert.Contains("Uw sessie is verlopen", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{AccessSetup.LoginPath}?returnUrl={Uri.EscapeDataString(page)}\"", html, StringComparison.Ordinal);

        // The expiry page ended the session: the page now asks to sign in, and says "expired" only once.
        using var again = await OpenAsync(session, page);
        AssertSignInRequired(again);
    }

    [Fact]
    public async Task V7_2_3_Each_sign_in_gets_its_own_session_key_of_256_random_bits()
    {
        using var first = await SignInAsync(DemoPersons.SroiOfficer, "/inkoop");
        using var second = await SignInAsync(DemoPersons.SroiOfficer, "/inkoop");

        await using var db = await app.Db.CreateDbContextAsync();
        var keys = await db.ServerSessions.Where(s => s.PersonId == DemoPersons.SroiOfficer).Select(s => s.Key).ToListAsync();
        Assert.True(keys.Count >= 2, $"two sign-ins, {keys.Count} session records");
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Equal(32, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(key).Length));

        // The browser holds a reference to the record, never the record itself: no role or name in the cookie.
        var cookies = string.Concat(first.Cookies.GetAllCookies().Select(c => c.Value));
        Assert.DoesNotContain("Lotte", cookies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V7_4_1_A_session_cookie_copied_before_signing_out_no_longer_works_afterwards()
    {
        using var lotte = await SignInAsync(DemoPersons.SroiOfficer, "/inkoop");
        using var copy = new KipSession(app.App.BaseUrl);
        foreach (Cookie cookie in lotte.Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        using (var before = await copy.GetAsync("/inkoop"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // the copy is a working session
        }

        var (signedOut, home) = await lotte.SignOutAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal("/", home.AbsolutePath);

        using var stolen = await copy.GetAsync("/inkoop");
        AssertSignInRequired(stolen);

        // Not even the demo provider's own session (copied too) signs the copy in again: its form is shown.
        var (signIn, url) = await copy.FollowAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(KIP.Web.Components.Pages.Account.DemoSignIn.Url, url.AbsolutePath);
    }

    [Fact]
    public async Task V7_3_1_A_staff_session_ends_after_30_minutes_without_activity_and_says_so()
    {
        using var ahmed = await SignInAsync(DemoPersons.Coordinator, "/coordinatie");

        // Active every 29 minutes: the session goes on, past the first 30 minutes.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            app.Time.Advance(TimeSpan.FromMinutes(29));
            using var active = await ahmed.GetAsync("/coordinatie");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(31));
        await AssertExpiredAsync(ahmed, "/coordinatie");
    }

    [Fact]
    public async Task V7_3_1_An_entrepreneurs_session_ends_after_2_hours_without_activity()
    {
        using var sanne = await SignInAsync(DemoPersons.Entrepreneur, "/mijn-organisatie");

        app.Time.Advance(TimeSpan.FromMinutes(31));
        using (var afterHalfAnHour = await sanne.GetAsync("/mijn-organisatie"))
        {
            Assert.Equal(HttpStatusCode.OK, afterHalfAnHour.StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(119));
        using (var afterAlmostTwoHours = await sanne.GetAsync("/mijn-organisatie"))
        {
            Assert.Equal(HttpStatusCode.OK, afterAlmostTwoHours.StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(121));
        await AssertExpiredAsync(sanne, "/mijn-organisatie");
    }

    [Fact]
    public async Task V7_3_2_A_session_ends_12_hours_after_signing_in_however_active()
    {
        using var mehmet = await SignInAsync(DemoPersons.OtherEntrepreneur, "/mijn-organisatie");

        for (var hour = 1; hour <= 11; hour++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            using var active = await mehmet.GetAsync("/mijn-organisatie");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        app.Time.Advance(TimeSpan.FromMinutes(61)); // 12 h 01 min after signing in, an hour after the last activity
        await AssertExpiredAsync(mehmet, "/mijn-organisatie");
    }

    [Fact]
    public async Task V7_4_2_A_coordination_role_taken_away_in_KIPs_data_is_refused_on_the_next_request()
    {
        using var eva = await SignInAsync(DemoPersons.OfficerAndCoordinator, "/coordinatie");

        // The session record carries the authority's identity and no role from KIP's data.
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var store = app.App.Services.GetRequiredService<DatabaseTicketStore>();
            var keys = await db.ServerSessions.Where(s => s.PersonId == DemoPersons.OfficerAndCoordinator).Select(s => s.Key).ToListAsync();
            var ticket = await store.RetrieveAsync(Assert.Single(keys));
            Assert.NotNull(ticket);
            Assert.Equal(DemoPersons.OfficerAndCoordinator.ToString(), ticket.Principal.FindFirst(KipClaims.Subject)?.Value);
            Assert.Empty(ticket.Principal.FindAll(KipClaims.Role));
            Assert.Equal(["id_token"], ticket.Properties.GetTokens().Select(t => t.Name));
        }

        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var person = await db.Persons.SingleAsync(p => p.Id == DemoPersons.OfficerAndCoordinator);
            person.Roles = [KipRoles.SroiOfficer];
            await db.SaveChangesAsync();
        }

        using var coordination = await eva.GetAsync("/coordinatie");
        Assert.Equal(HttpStatusCode.Redirect, coordination.StatusCode);
        Assert.Contains(KIP.Web.Components.Pages.Account.AccessDenied.Url, coordination.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var procurement = await eva.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, procurement.StatusCode);

        // An open page asks again within a minute (SessionBrowserTests shows it losing the role).
        Assert.True(app.App.Services.GetRequiredService<IOptions<KipSessionOptions>>().Value.RevalidationInterval <= TimeSpan.FromMinutes(1));
    }
}
