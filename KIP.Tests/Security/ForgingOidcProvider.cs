using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KIP.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KIP.Tests.Security;

/// <summary>How the authority (or someone in its place) makes the next ID token.</summary>
public enum Forgery
{
    /// <summary>Signed with the published key, valid now: the control.</summary>
    None,

    /// <summary>Signed with a key the authority does not publish (same key id).</summary>
    ForeignKey,

    /// <summary><c>alg: none</c>, no signature.</summary>
    WithoutSignature,

    /// <summary>HS256 with the client secret as the key.</summary>
    HmacWithClientSecret,

    /// <summary>Signed with the attacker's key, which the header offers in <c>jwk</c> and <c>jku</c>.</summary>
    KeyInHeader,

    /// <summary>Expired an hour ago.</summary>
    Expired,

    /// <summary>Valid only from an hour from now.</summary>
    NotYetValid,
}

/// <summary>
/// An OpenID Connect authority on its own loopback port (discovery, JWKS, code with PKCE, token) whose ID tokens can
/// be forged in the ways of <see cref="Forgery"/>, to prove KIP's client refuses each (ASVS 5.0 V9.1, V9.2).
/// </summary>
public sealed class ForgingOidcProvider : IAsyncDisposable
{
    public const string ClientId = "kip-vervalst";

    /// <summary>Long enough to be an HS256 key, as an attacker would need.</summary>
    public const string ClientSecret = "vervalst-geheim-dat-lang-genoeg-is-voor-hs256";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "published" };
    private readonly RsaSecurityKey _attacker = new(RSA.Create(2048)) { KeyId = "published" };
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge)> _codes = new();
    private WebApplication? _app;

    public string Issuer { get; } = $"http://127.0.0.1:{KipAppFactory.FreePort()}";

    public Forgery Next { get; set; }

    public string Subject { get; set; } = "vervalst-1";

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
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () => Results.Json(new { keys = new[] { Jwk(_key) } }));
        _app.MapGet("/attacker-jwks", () => Results.Json(new { keys = new[] { Jwk(_attacker) } }));
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (request.Query["nonce"].ToString(), request.Query["code_challenge"].ToString());
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_secret"] != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var grant)
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new { access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 300, id_token = IdToken(grant.Nonce) });
        });
        await _app.StartAsync();
    }

    private string IdToken(string nonce)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["name"] = "Vera Vervalst",
            ["email"] = $"{Subject}@vervalst.example",
            ["nonce"] = nonce,
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        switch (Next)
        {
            case Forgery.ForeignKey:
                descriptor.SigningCredentials = new SigningCredentials(_attacker, SecurityAlgorithms.RsaSha256);
                break;
            case Forgery.HmacWithClientSecret:
                descriptor.SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ClientSecret)), SecurityAlgorithms.HmacSha256);
                break;
            case Forgery.KeyInHeader:
                descriptor.SigningCredentials = new SigningCredentials(_attacker, SecurityAlgorithms.RsaSha256);
                descriptor.AdditionalHeaderClaims = new Dictionary<string, object>
                {
                    ["jku"] = $"{Issuer}/attacker-jwks",
                    ["jwk"] = Jwk(_attacker),
                };
                break;
            case Forgery.Expired:
                descriptor.IssuedAt = now.AddHours(-2);
                descriptor.NotBefore = now.AddHours(-2);
                descriptor.Expires = now.AddHours(-1);
                break;
            case Forgery.NotYetValid:
                descriptor.NotBefore = now.AddHours(1);
                descriptor.Expires = now.AddHours(2);
                break;
            case Forgery.WithoutSignature:
                var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = "published" }));
                var payload = new Dictionary<string, object>(claims)
                {
                    ["iss"] = Issuer,
                    ["aud"] = ClientId,
                    ["iat"] = EpochTime.GetIntDate(now),
                    ["nbf"] = EpochTime.GetIntDate(now),
                    ["exp"] = EpochTime.GetIntDate(now.AddMinutes(5)),
                };
                return header + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + ".";
            case Forgery.None:
            default:
                break;
        }

        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static Dictionary<string, string> Jwk(RsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        return new() { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _key.Rsa.Dispose();
        _attacker.Rsa.Dispose();
    }
}
