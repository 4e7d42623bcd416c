using System.Net;
using System.Security.Claims;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KIP.Tests.Identity;

/// <summary>
/// ASVS V3.7.2: a return address KIP follows (after signing in, signing out, switching language) never sends the
/// browser to another site, whatever an attacker puts in the link. Driven through the real sign-in with the embedded
/// provider: every redirect on the way is read as a browser reads it (tabs and line breaks dropped, <c>\</c> as <c>/</c>).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReturnAddressTests(AppFixture fixture)
{
    private const string Evil = "evil.example";

    /// <summary>An attacker's return addresses: each must end on KIP's home page.</summary>
    public static TheoryData<string> HostileAddresses => new()
    {
        "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\r\n/evil.example", "/\t\\evil.example",
        "//evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example", "///evil.example",
        "%2F%2Fevil.example", "%2F%5Cevil.example", "%2F%09%2Fevil.example",
        "/\u202E/evil.example", "/\u200B/evil.example", "/\u2028/evil.example", "/\u0000/evil.example",
        "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>",
        "http://evil.example/", "https://evil.example/inkoop", "HTTPS://evil.example", "https:/evil.example", "https:evil.example",
        "~//evil.example", "~/\\evil.example", " //evil.example", "evil.example", "@evil.example", string.Empty,
    };

    /// <summary>What a browser makes of a <c>Location</c> header: it drops tabs and line breaks and reads <c>\</c> as <c>/</c>.</summary>
    private static Uri AsBrowserReads(Uri current, string location) =>
        new(current, location.Replace("\t", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal).Replace('\\', '/'));

    private void AssertEveryHopStaysOnSite(KipSession session)
    {
        var site = new Uri(fixture.App.BaseUrl);
        var current = site;
        foreach (var location in session.Locations)
        {
            Assert.DoesNotContain(Evil, location, StringComparison.OrdinalIgnoreCase);
            current = AsBrowserReads(current, location);
            Assert.Equal(site.Authority, current.Authority);
        }
    }

    [Theory]
    [MemberData(nameof(HostileAddresses))]
    public async Task V3_7_2_Signing_in_with_a_hostile_return_address_ends_signed_in_on_the_home_page(string returnUrl)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, returnUrl);

        AssertEveryHopStaysOnSite(session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.BaseUrl + "/", url.ToString());
        Assert.Equal("/", session.Locations[^1]);
        Assert.Contains("Lotte Mulder", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/inkoop", "/inkoop")]
    [InlineData("~/inkoop", "/inkoop")]
    [InlineData("/inkoop?zoek=%2F%2Fvoorbeeld", "/inkoop?zoek=%2F%2Fvoorbeeld")]
    [InlineData("/erkenningscheck?socialMission=één café", "/erkenningscheck?socialMission=%C3%A9%C3%A9n%20caf%C3%A9")]
    public async Task V3_7_2_A_return_address_on_this_site_is_followed_after_signing_in(string returnUrl, string expected)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, returnUrl);

        AssertEveryHopStaysOnSite(session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, session.Locations[^1]);
        Assert.Equal(fixture.App.BaseUrl + expected, url.AbsoluteUri);
    }

    [Theory]
    [InlineData("/erkenningscheck?socialMission=één")]
    [InlineData("/inkoop\r\nSet-Cookie: kip.session=gestolen")]
    [InlineData("/inkoop\nLocation: https://evil.example")]
    [InlineData("/\u00e9\u00e9n/\u4e2d\u6587")]
    public async Task V16_5_3_A_return_address_with_accents_or_line_breaks_still_signs_the_person_in(string returnUrl)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, returnUrl);
        using var home = await session.GetAsync("/");

        AssertEveryHopStaysOnSite(session);
        Assert.NotEqual(KIP.Web.Components.Pages.Account.SignIn.Url, url.AbsolutePath);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{(int)response.StatusCode} at {url}");
        Assert.Contains("Lotte Mulder", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(session.Cookies.GetAllCookies(), c => c.Value == "gestolen");
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\u202E/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task V3_7_2_Signing_out_with_a_hostile_return_address_ends_signed_out_on_the_home_page(string returnUrl)
    {
        using var session = new KipSession(fixture.App.BaseUrl);
        await session.SignInAsDemoAsync(DemoPersons.Coordinator);
        session.Locations.Clear();

        var (response, url) = await session.SignOutAsync("/", returnUrl);

        AssertEveryHopStaysOnSite(session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.BaseUrl + "/", url.ToString());
        Assert.Equal("/", session.Locations[^1]);
        Assert.DoesNotContain("Ahmed Yilmaz", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileAddresses))]
    public async Task V3_7_2_The_language_switch_returns_only_to_this_site(string terug)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        using var response = await session.GetAsync($"/taal?cultuur=en-GB&terug={Uri.EscapeDataString(terug)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(session.Cookies.GetAllCookies(), c => c.Value.Contains("en-GB", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/aanbod?zoek=caf%C3%A9", "/aanbod?zoek=caf%C3%A9")]
    [InlineData("/aanbod?zoek=café", "/aanbod?zoek=caf%C3%A9")]
    [InlineData("/erkenningscheck?socialMission=\u4e2d\u6587", "/erkenningscheck?socialMission=%E4%B8%AD%E6%96%87")]
    [InlineData("/inkoop\r\nSet-Cookie: x=y", "/")]
    [InlineData("/aanbod\u202E", "/")]
    public async Task V16_5_3_The_language_switch_with_accents_or_control_characters_answers_a_redirect_never_a_500(string terug, string expected)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        using var response = await session.GetAsync($"/taal?cultuur=nl-NL&terug={Uri.EscapeDataString(terug)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task V3_7_2_The_authoritys_answer_is_checked_again_before_its_return_address_is_followed()
    {
        // The return address rides in the protected state, so only KIP can have put it there; the callback still
        // checks it (defence in depth), as a changed sign-in endpoint or another authority must not reopen the hole.
        var options = fixture.App.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(EmbeddedProvider.SchemeName);
        var scheme = new AuthenticationScheme(EmbeddedProvider.SchemeName, null, typeof(OpenIdConnectHandler));
        var http = new DefaultHttpContext { RequestServices = fixture.App.Services };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), EmbeddedProvider.SchemeName);

        foreach (var hostile in new[] { "/\t/evil.example", "https://evil.example", "//evil.example", "/\\evil.example" })
        {
            var received = new TicketReceivedContext(http, scheme, options, ticket) { ReturnUri = hostile };
            await options.Events.TicketReceived(received);
            Assert.Equal("/", received.ReturnUri);
        }

        var local = new TicketReceivedContext(http, scheme, options, ticket) { ReturnUri = "/inkoop?pagina=2" };
        await options.Events.TicketReceived(local);
        Assert.Equal("/inkoop?pagina=2", local.ReturnUri);

        var signedOut = new RemoteSignOutContext(new DefaultHttpContext(), scheme, options, new OpenIdConnectMessage())
        {
            Properties = new AuthenticationProperties { RedirectUri = "https://evil.example/" },
        };
        await options.Events.SignedOutCallbackRedirect(signedOut);
        Assert.Equal("/", signedOut.Response.Headers.Location.ToString());
        Assert.True(signedOut.Result?.Handled == true);
    }

    [Theory]
    [InlineData("/connect/authorize?\r\nLocation: https://evil.example")]
    [InlineData("/connect/authorize?client_id=kip-web\t//evil.example")]
    [InlineData("//evil.example/connect/authorize?")]
    [InlineData("https://evil.example/connect/authorize?")]
    public async Task V3_7_2_The_demo_sign_in_form_returns_only_into_the_providers_own_authorization_request(string returnUrl)
    {
        using var session = new KipSession(fixture.App.BaseUrl);
        var (form, _) = await session.FollowAsync(AccessSetup.LoginPath);
        var token = KipSession.Hidden(await form.Content.ReadAsStringAsync(), "__RequestVerificationToken");
        session.Locations.Clear();

        var (response, url) = await session.FollowAsync(new HttpRequestMessage(HttpMethod.Post, EmbeddedProvider.SignInPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["returnUrl"] = returnUrl,
                ["person"] = DemoPersons.SroiOfficer.ToString(),
            }),
        });

        AssertEveryHopStaysOnSite(session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.BaseUrl + "/", url.ToString());
    }

    [Fact]
    public async Task V16_5_3_A_forged_or_replayed_sign_out_callback_ends_on_the_home_page_not_a_blank_answer()
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.FollowAsync(AccessSetup.SignedOutCallbackPath(EmbeddedProvider.SchemeName) + "?state=vervalst");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.BaseUrl + "/", url.ToString());
    }
}

/// <summary>The guard itself (<see cref="ReturnAddress.LocalOrHome"/>), for what a link cannot carry to the app.</summary>
public sealed class ReturnAddressRuleTests
{
    [Fact]
    public void V3_7_2_Broken_text_or_private_characters_go_home()
    {
        // Built in code: test data would turn a lone surrogate into U+FFFD on its way to the test.
        foreach (var returnUrl in new[] { "/aanbod" + (char)0xD800, "/aanbod" + (char)0xDC00 + "x", "/" + (char)0xE000 + "/evil.example", null })
        {
            Assert.Equal("/", ReturnAddress.LocalOrHome(returnUrl));
        }
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/aanbod?zoek=\U0001F331 fiets", "/aanbod?zoek=%F0%9F%8C%B1%20fiets")]
    [InlineData("/aanbod?zoek=\"<b>\"", "/aanbod?zoek=%22%3Cb%3E%22")]
    public void V3_7_2_A_local_address_becomes_one_a_redirect_header_can_carry(string returnUrl, string expected) =>
        Assert.Equal(expected, ReturnAddress.LocalOrHome(returnUrl));
}
