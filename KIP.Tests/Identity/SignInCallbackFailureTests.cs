using System.Net;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Tests.Identity;

/// <summary>
/// ASVS V16.5.3: whatever comes back to the sign-in callback — a forged state, an error from the authority, a callback
/// replayed from the history — ends on the sign-in page with the plain message, never a 500 or an error's own text.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SignInCallbackFailureTests(AppFixture fixture)
{
    private const string FailedText = "Inloggen is niet gelukt. Probeer het hieronder opnieuw";

    private static readonly string Callback = AccessSetup.CallbackPath(EmbeddedProvider.SchemeName);

    private async Task AssertEndsOnSignInPageAsync(HttpResponseMessage response, Uri url)
    {
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.BaseUrl + AccessSetup.SignInFailedUrl, url.ToString());
        Assert.Contains(FailedText, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?code=abc&state=vervalst")]
    [InlineData("?code=abc")]
    [InlineData("?state=")]
    [InlineData("")]
    [InlineData("?error=access_denied&state=vervalst")]
    [InlineData("?error=server_error&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?code=abc&state=%E2%80%AE%0D%0A")]
    public async Task V16_5_3_A_callback_with_a_bad_state_or_an_error_ends_on_the_sign_in_page(string query)
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.FollowAsync(Callback + query);

        await AssertEndsOnSignInPageAsync(response, url);
    }

    [Fact]
    public async Task V16_5_3_A_callback_posted_as_a_form_ends_on_the_sign_in_page()
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        var (response, url) = await session.FollowAsync(new HttpRequestMessage(HttpMethod.Post, Callback)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "abc", ["state"] = "vervalst" }),
        });

        await AssertEndsOnSignInPageAsync(response, url);
    }

    [Theory]
    [InlineData("access_denied")]
    [InlineData("login_required")]
    [InlineData("temporarily_unavailable")]
    public async Task V16_5_3_The_authority_refusing_a_real_sign_in_ends_on_the_sign_in_page(string error)
    {
        using var session = new KipSession(fixture.App.BaseUrl);
        using var challenge = await session.GetAsync(AccessSetup.LoginPath + "?returnUrl=%2Finkoop");
        var state = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["state"].ToString();
        Assert.False(string.IsNullOrEmpty(state));

        var (response, url) = await session.FollowAsync(
            $"{Callback}?error={error}&error_description={Uri.EscapeDataString("<script>alert(1)</script>")}&state={Uri.EscapeDataString(state)}");

        await AssertEndsOnSignInPageAsync(response, url);
        using var inkoop = await session.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.Redirect, inkoop.StatusCode); // still not signed in
    }

    [Fact]
    public async Task V16_5_3_A_replayed_callback_ends_on_the_sign_in_page_in_the_same_and_in_another_browser()
    {
        using var session = new KipSession(fixture.App.BaseUrl);
        var (signedIn, _) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var callback = session.Locations.Single(l => l.Contains(Callback + "?", StringComparison.Ordinal) && l.Contains("code=", StringComparison.Ordinal));

        var (again, againUrl) = await session.FollowAsync(callback);
        await AssertEndsOnSignInPageAsync(again, againUrl);

        using var other = new KipSession(fixture.App.BaseUrl);
        var (stolen, stolenUrl) = await other.FollowAsync(callback);
        await AssertEndsOnSignInPageAsync(stolen, stolenUrl);
        using var inkoop = await other.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.Redirect, inkoop.StatusCode); // the replayed code gave no session
    }
}
