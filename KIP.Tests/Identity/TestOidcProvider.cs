using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using KIP.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KIP.Tests.Identity;

/// <summary>
/// A second, hand-rolled OpenID Connect provider on its own loopback port: discovery, JWKS, authorization
/// code with PKCE, token and end-session endpoints. It signs in whoever <see cref="NextUser"/> holds, with
/// whatever claim names the test chooses, so KIP's configuration and mapping are proved against an
/// authority that is not its own.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, (Dictionary<string, object> Claims, string Nonce, string Challenge, string ClientId)> _codes = new();
    private WebApplication? _app;
    private int _endSessions;

    public TestOidcProvider(string clientId, string clientSecret)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        Issuer = $"http://127.0.0.1:{KipAppFactory.FreePort()}";
    }

    public string Issuer { get; }

    /// <summary>How often a client ended a session here (the end-session endpoint).</summary>
    public int EndSessions => Volatile.Read(ref _endSessions);

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The claims of the person who "signs in" at the next authorization request.</summary>
    public Dictionary<string, object> NextUser { get; set; } = [];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Issuer);
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["end_session_endpoint"] = $"{Issuer}/logout",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
            {
                return Results.BadRequest("client or PKCE");
            }

            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (new Dictionary<string, object>(NextUser), query["nonce"].ToString(), query["code_challenge"].ToString(), ClientId);
            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["grant_type"] != "authorization_code")
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (!_codes.TryRemove(form["code"].ToString(), out var grant)
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var claims = new Dictionary<string, object>(grant.Claims) { ["nonce"] = grant.Nonce };
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = ClientId,
                Claims = claims,
                Expires = DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
        _app.MapGet("/logout", (HttpRequest request) =>
        {
            Interlocked.Increment(ref _endSessions);
            return Results.Redirect($"{request.Query["post_logout_redirect_uri"]}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _key.Rsa.Dispose();
    }
}
