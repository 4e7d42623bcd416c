using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KIP.Tests.Identity;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace KIP.Tests.Security;

/// <summary>
/// The embedded OpenID Connect provider (the demo's authority) as an attacker meets it: redirect URIs, codes and grants
/// (ASVS 5.0 V10.4, level 1). Each request is made by hand, as a rogue client or a thief of a code would make it.
/// </summary>
[Collection(SecurityAppCollection.Name)]
public sealed class EmbeddedProviderGrantTests(SecurityApp app)
{
    private string Callback => app.BaseUrl + AccessSetup.CallbackPath(EmbeddedProvider.SchemeName);

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Authorize(string redirectUri, string challenge, string responseType = "code", string scope = "openid profile") =>
        $"{EmbeddedProvider.AuthorizePath}?client_id={EmbeddedProvider.ClientId}&response_type={Uri.EscapeDataString(responseType)}" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(scope)}&state=s1&nonce=n1" +
        $"&code_challenge={challenge}&code_challenge_method=S256";

    /// <summary>A browser signed in at the provider asks a code for KIP's own client, as the client would.</summary>
    private async Task<(KipSession Session, string Code, string Verifier)> CodeAsync()
    {
        var session = await app.SignedInAsync(DemoPersons.SroiOfficer);
        var (verifier, challenge) = Pkce();
        using var response = await session.GetAsync(Authorize(Callback, challenge));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Callback + "?", location.ToString(), StringComparison.Ordinal);
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code));
        return (session, code, verifier);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var response = await client.PostAsync(EmbeddedProvider.TokenPath, new FormUrlEncodedContent(form));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    private Dictionary<string, string> Redeem(string code, string verifier) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = Callback,
        ["client_id"] = EmbeddedProvider.ClientId,
        ["code_verifier"] = verifier,
    };

    public static TheoryData<string> ForeignRedirects() => new(
    [
        "https://evil.example/signin-oidc-kip-demo",
        "{base}/signin-oidc-kip-demo/extra",
        "{base}/signin-oidc-kip-demo?next=https://evil.example",
        "{base}/SIGNIN-OIDC-KIP-DEMO",
        "{base}/signin-oidc-kip-demo#x",
        "http://127.0.0.1:1/signin-oidc-kip-demo",
        "{base}/",
    ]);

    [Theory]
    [MemberData(nameof(ForeignRedirects))]
    public async Task V10_4_1_A_redirect_uri_that_is_not_exactly_a_registered_one_gets_no_code(string redirectUri)
    {
        using var session = await app.SignedInAsync(DemoPersons.SroiOfficer);
        var (_, challenge) = Pkce();
        var target = redirectUri.Replace("{base}", app.BaseUrl, StringComparison.Ordinal);

        using var response = await session.GetAsync(Authorize(target, challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("code=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same request with the registered address does get a code: the refusal is the address's.
        using var genuine = await session.GetAsync(Authorize(Callback, challenge));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.StartsWith(Callback + "?code=", genuine.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V10_4_2_An_authorization_code_buys_tokens_once_and_a_second_use_is_refused()
    {
        var (session, code, verifier) = await CodeAsync();
        using (session)
        {
            var (first, tokens) = await TokenAsync(Redeem(code, verifier));
            var (second, refusal) = await TokenAsync(Redeem(code, verifier));

            Assert.Equal(HttpStatusCode.OK, first);
            Assert.True(tokens.TryGetProperty("id_token", out _));
            Assert.Equal(HttpStatusCode.BadRequest, second);
            Assert.Equal("invalid_grant", refusal.GetProperty("error").GetString());
            Assert.False(refusal.TryGetProperty("access_token", out _));
        }
    }

    [Fact]
    public async Task V10_4_3_An_authorization_code_lives_at_most_ten_minutes()
    {
        var options = app.App.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

        Assert.NotNull(options.AuthorizationCodeLifetime);
        Assert.InRange(options.AuthorizationCodeLifetime!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("id_token")]
    [InlineData("id_token token")]
    [InlineData("code token")]
    [InlineData("code id_token")]
    public async Task V10_4_4_The_implicit_and_hybrid_flows_give_no_token_in_the_address(string responseType)
    {
        using var session = await app.SignedInAsync(DemoPersons.SroiOfficer);
        var (_, challenge) = Pkce();

        using var response = await session.GetAsync(Authorize(Callback, challenge, responseType));

        var answer = response.Headers.Location?.ToString() ?? await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("access_token=", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("id_token=", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", answer.Replace("error_code", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("error", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("client_credentials")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("refresh_token")]
    public async Task V10_4_4_Grants_KIP_does_not_use_are_refused_at_the_token_endpoint(string grant)
    {
        var (status, body) = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = grant,
            ["client_id"] = EmbeddedProvider.ClientId,
            ["username"] = "sanne@kip.example",
            ["password"] = "welkom01",
            ["refresh_token"] = "gestolen",
            ["device_code"] = "gestolen",
            ["scope"] = "openid",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.TryGetProperty("access_token", out _));
        Assert.Contains(body.GetProperty("error").GetString(), new[] { "unsupported_grant_type", "unauthorized_client", "invalid_grant", "invalid_request" });
    }

    [Fact]
    public async Task V10_4_5_No_refresh_token_is_issued_so_none_can_be_replayed()
    {
        var session = await app.SignedInAsync(DemoPersons.SroiOfficer);
        using (session)
        {
            var (verifier, challenge) = Pkce();
            using var response = await session.GetAsync(Authorize(Callback, challenge, scope: "openid profile offline_access"));
            var location = response.Headers.Location?.ToString() ?? string.Empty;
            if (location.StartsWith(Callback + "?code=", StringComparison.Ordinal))
            {
                var code = QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString();
                var (status, tokens) = await TokenAsync(Redeem(code, verifier));
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.False(tokens.TryGetProperty("refresh_token", out _));
            }
            else
            {
                Assert.Contains("error", location + await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        var (plainSession, plainCode, plainVerifier) = await CodeAsync();
        using (plainSession)
        {
            var (status, tokens) = await TokenAsync(Redeem(plainCode, plainVerifier));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(tokens.TryGetProperty("refresh_token", out _));
        }
    }
}
