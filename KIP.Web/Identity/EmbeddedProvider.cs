using System.Security.Claims;
using KIP.Web.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KIP.Web.Identity;

/// <summary>
/// With no authority configured, KIP.Web is also an OpenID Connect provider (OpenIddict) with the demo
/// persons as accounts. The app signs in through it with the same OpenID Connect client code a real
/// authority gets: there is no shortcut, not in tests either. Its own session is a separate cookie.
/// </summary>
public static class EmbeddedProvider
{
    public const string SchemeName = "kip-demo";
    public const string ClientId = "kip-web";
    public const string ProviderCookie = "KipProvider";
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";
    public const string SignInPath = "/connect/demo-signin";

    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1"];

    /// <summary>With <paramref name="publicUrl"/> null the issuer is each request's origin (OpenIddict infers it), see <see cref="RequestOrigin"/>.</summary>
    internal static void AddEmbeddedProvider(this IServiceCollection services, AuthenticationBuilder authentication, Uri? publicUrl, bool development)
    {
        authentication.AddCookie(ProviderCookie, options =>
        {
            options.Cookie.Name = "kip.provider";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = Components.Pages.Account.DemoSignIn.Url;
        });

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<KipDbContext>();
                options.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, SameOriginApplicationManager>();
            })
            .AddServer(options =>
            {
                if (publicUrl is not null)
                {
                    options.SetIssuer(publicUrl);
                }

                options.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'));
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles);

                // The signing and encryption keys come from the database when the options are first used (ProviderKeyOptions).
                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (development || publicUrl?.IsLoopback == true)
                {
                    // No TLS certificate on a developer's machine or in tests; never for a public address.
                    aspNetCore.DisableTransportSecurityRequirement();
                }

                // ASVS L2 (V10.4.6, V10.4.12): only what KIP's own client uses is advertised and accepted — PKCE with
                // S256 (plain or none refused), the answer in the query string, and a public client that authenticates
                // with nothing but its PKCE verifier (no client secrets, no client assertions).
                options.Configure(server =>
                {
                    server.CodeChallengeMethods.Clear();
                    server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                    server.ResponseModes.Clear();
                    server.ResponseModes.Add(ResponseModes.Query);
                    server.ClientAuthenticationMethods.Clear();
                    server.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.None);
                    server.ClientAssertionTypes.Clear();
                });
            });

        services.AddSingleton<ProviderKeys>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>, ProviderKeyOptions>();
        services.AddHostedService(provider => new ClientRegistration(provider, publicUrl));
    }

    /// <summary>The client KIP.Web is to its own provider: public, code flow with PKCE, redirect URIs on the public URL.</summary>
    public static KipAuthScheme ClientScheme(Uri? publicUrl) => new()
    {
        DisplayName = "KIP demo",
        Authority = publicUrl?.ToString() ?? string.Empty,
        ClientId = ClientId,
        Scopes = [Scopes.Email, Scopes.Roles],
        RoleClaim = Claims.Role,
        RequireHttpsMetadata = publicUrl is not null && !publicUrl.IsLoopback && publicUrl.Scheme == Uri.UriSchemeHttps,
    };

    internal static void MapEmbeddedProvider(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(AuthorizePath, GetAndPost, (Delegate)AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost(SignInPath, (Delegate)DemoSignInAsync).AllowAnonymous();
        endpoints.MapMethods(EndSessionPath, GetAndPost, (Delegate)EndSessionAsync).AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IDbContextFactory<KipDbContext> factory)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(ProviderCookie);
        var person = Guid.TryParse(session.Principal?.FindFirst(Claims.Subject)?.Value, out var id)
            ? await FindDemoPersonAsync(factory, id)
            : null;
        if (person is null)
        {
            var back = http.Request.PathBase + http.Request.Path + http.Request.QueryString;
            return Results.Redirect($"{Components.Pages.Account.DemoSignIn.Url}?returnUrl={Uri.EscapeDataString(back)}");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Id.ToString())
            .SetClaim(Claims.Name, person.Name)
            .SetClaim(Claims.Email, person.Email)
            .SetClaims(Claims.Role, [.. person.Roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The Dutch demo sign-in form posts here: no password, only a demo person may be chosen.</summary>
    private static async Task<IResult> DemoSignInAsync(
        HttpContext http, IDbContextFactory<KipDbContext> factory, [FromForm(Name = "person")] Guid person, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var chosen = await FindDemoPersonAsync(factory, person);
        if (chosen is null)
        {
            return Results.BadRequest();
        }

        var identity = new ClaimsIdentity(ProviderCookie, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, chosen.Id.ToString()));
        identity.AddClaim(new Claim(Claims.Name, chosen.Name));
        await http.SignInAsync(ProviderCookie, new ClaimsPrincipal(identity));

        // Only back into the authorization request: never an open redirect.
        var target = returnUrl is not null && returnUrl.StartsWith(AuthorizePath + "?", StringComparison.Ordinal) ? ReturnAddress.LocalOrHome(returnUrl) : "/";
        return Results.Redirect(target);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(ProviderCookie);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<Person?> FindDemoPersonAsync(IDbContextFactory<KipDbContext> factory, Guid id)
    {
        if (!DemoAccounts.IsDemoAccount(id))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync();
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
    }

    /// <summary>Registers (or updates) KIP.Web as a client of its own provider, once the database is migrated.</summary>
    private sealed class ClientRegistration(IServiceProvider services, Uri? publicUrl) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientType = ClientTypes.Public,
                DisplayName = "KIP",
                ConsentType = ConsentTypes.Implicit,
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var origin in Origins(publicUrl))
            {
                descriptor.RedirectUris.Add(new Uri(origin, AccessSetup.CallbackPath(SchemeName)));
                descriptor.PostLogoutRedirectUris.Add(new Uri(origin, AccessSetup.SignedOutCallbackPath(SchemeName)));
            }

            // Two instances starting together both register: the one that loses (the client id is unique, the row has a
            // concurrency token) finds the other's row on its next try and updates it to the same description.
            for (var attempt = 1; ; attempt++)
            {
                // A new scope (a new context) per try: a failed insert must not stay tracked.
                await using var scope = services.CreateAsyncScope();
                var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
                try
                {
                    var existing = await manager.FindByClientIdAsync(ClientId, cancellationToken);
                    if (existing is null)
                    {
                        await manager.CreateAsync(descriptor, cancellationToken);
                    }
                    else
                    {
                        await manager.UpdateAsync(existing, descriptor, cancellationToken);
                    }

                    return;
                }
                catch (Exception e) when (attempt < 5 && e is DbUpdateException or OpenIddictExceptions.ConcurrencyException or OpenIddictExceptions.ValidationException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>On this machine, localhost and 127.0.0.1 are the same app: both may be in the browser's address bar.</summary>
        private static IEnumerable<Uri> Origins(Uri? publicUrl)
        {
            if (publicUrl is null)
            {
                yield break; // the request's own origin counts (SameOriginApplicationManager)
            }

            var origin = new Uri(publicUrl.GetLeftPart(UriPartial.Authority));
            yield return origin;
            if (publicUrl.IsLoopback)
            {
                foreach (var host in LoopbackHosts.Where(h => h != publicUrl.Host))
                {
                    yield return new UriBuilder(origin) { Host = host }.Uri;
                }
            }
        }
    }
}
