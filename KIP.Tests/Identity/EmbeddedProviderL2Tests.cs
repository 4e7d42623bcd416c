using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KIP.Tests.Infrastructure;
using KIP.Web.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Tests.Identity;

/// <summary>
/// ASVS L2 for the embedded provider: PKCE only with S256 (V10.4.6), and only the response mode and client authentication
/// KIP's own client uses (V10.4.12) — advertised in the discovery document and enforced on each request.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EmbeddedProviderL2Tests(AppFixture fixture)
{
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123456789";
    private const string S256Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private string RedirectUri => fixture.App.BaseUrl + AccessSetup.CallbackPath(EmbeddedProvider.SchemeName);

    private async Task<JsonElement> DiscoveryAsync()
    {
        using var client = fixture.App.CreateHttpClient();
        var text = await client.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Values(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(v => v.GetString()!)];

    private async Task<HttpResponseMessage> AuthorizeAsync(string extra)
    {
        using var session = new KipSession(fixture.App.BaseUrl);
        return await session.GetAsync(
            $"{EmbeddedProvider.AuthorizePath}?client_id={EmbeddedProvider.ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}" +
            $"&response_type=code&scope=openid&state=s1&nonce=n1{extra}");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string because)
    {
        // OpenIddict's own error answer: a 400 with the error in its body, no redirect (no code, not even an error, sent anywhere).
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains(because, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V10_4_6_The_provider_advertises_PKCE_with_S256_only()
    {
        var discovery = await DiscoveryAsync();

        Assert.Equal(["S256"], Values(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code"], Values(discovery, "grant_types_supported"));
        Assert.Equal(["code"], Values(discovery, "response_types_supported"));
    }

    [Fact]
    public async Task V10_4_6_An_authorization_request_with_a_plain_or_no_code_challenge_is_refused()
    {
        // The same request with S256 is taken (it goes on to the demo sign-in page), so each refusal is the challenge's.
        using var accepted = await AuthorizeAsync($"&code_challenge={S256Challenge}&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.StartsWith(KIP.Web.Components.Pages.Account.DemoSignIn.Url, accepted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var plain = await AuthorizeAsync($"&code_challenge={Verifier}&code_challenge_method=plain");
        await AssertRefusedAsync(plain, "'code_challenge_method' is not supported");
        using var missing = await AuthorizeAsync(string.Empty);
        await AssertRefusedAsync(missing, "'code_challenge' parameter is missing");
        using var noMethod = await AuthorizeAsync($"&code_challenge={Verifier}");
        await AssertRefusedAsync(noMethod, "'code_challenge_method' parameter is missing");
    }

    [Fact]
    public async Task V10_4_6_KIPs_own_client_sends_an_S256_challenge_and_asks_the_answer_in_the_query()
    {
        using var session = new KipSession(fixture.App.BaseUrl);

        using var challenge = await session.GetAsync(AccessSetup.LoginPath + "?returnUrl=%2Finkoop");

        var authorize = challenge.Headers.Location!;
        Assert.Equal(EmbeddedProvider.AuthorizePath, authorize.AbsolutePath);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(!query.ContainsKey("response_mode") || query["response_mode"] == "query");
    }

    [Fact]
    public async Task V10_4_12_The_provider_advertises_only_the_query_response_mode_and_no_client_secrets()
    {
        var discovery = await DiscoveryAsync();

        Assert.Equal(["query"], Values(discovery, "response_modes_supported"));
        Assert.Equal(["none"], Values(discovery, "token_endpoint_auth_methods_supported"));
        Assert.False(discovery.TryGetProperty("introspection_endpoint", out _));
        Assert.False(discovery.TryGetProperty("revocation_endpoint", out _));
    }

    [Theory]
    [InlineData("form_post")]
    [InlineData("fragment")]
    [InlineData("web_message")]
    public async Task V10_4_12_An_authorization_request_asking_another_response_mode_is_refused(string mode)
    {
        using var response = await AuthorizeAsync($"&code_challenge={S256Challenge}&code_challenge_method=S256&response_mode={mode}");

        await AssertRefusedAsync(response, "'response_mode' is not supported");
    }

    [Fact]
    public async Task V10_4_12_The_token_endpoint_refuses_client_secrets_and_client_assertions()
    {
        using var client = fixture.App.CreateHttpClient();
        var grant = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "onbekend",
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = Verifier,
        };

        using var basicRequest = new HttpRequestMessage(HttpMethod.Post, EmbeddedProvider.TokenPath) { Content = new FormUrlEncodedContent(grant) };
        basicRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{EmbeddedProvider.ClientId}:geheim")));
        using var basic = await client.SendAsync(basicRequest);
        using var post = await client.PostAsync(new Uri(EmbeddedProvider.TokenPath, UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>(grant) { ["client_id"] = EmbeddedProvider.ClientId, ["client_secret"] = "geheim" }));
        using var assertion = await client.PostAsync(new Uri(EmbeddedProvider.TokenPath, UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>(grant)
            {
                ["client_id"] = EmbeddedProvider.ClientId,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJraXAtd2ViIn0.",
            }));
        using var publicClient = await client.PostAsync(new Uri(EmbeddedProvider.TokenPath, UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>(grant) { ["client_id"] = EmbeddedProvider.ClientId }));

        foreach (var refused in new[] { basic, post, assertion })
        {
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, refused.StatusCode.ToString());
            var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("invalid_client", error.GetProperty("error").GetString());
        }

        // Without a secret the client is known and only the (made-up) code is wrong: the method itself is KIP's.
        var grantError = JsonDocument.Parse(await publicClient.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_grant", grantError.GetProperty("error").GetString());
    }
}
