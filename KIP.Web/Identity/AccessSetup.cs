using KIP.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace KIP.Web.Identity;

/// <summary>Access is denied by default: every page and endpoint names who may use it (product.md, "People and roles").</summary>
public static class AccessSetup
{
    public const string LoginPath = "/authentication/login";
    public const string LogoutPath = "/authentication/logout";

    /// <summary>
    /// An endpoint that names no policy needs a signed-in user. A request that matches no endpoint at all
    /// passes, so that it gets the Dutch "page not found" rather than a sign-in loop.
    /// </summary>
    public static readonly AuthorizationPolicy DenyByDefault = new AuthorizationPolicyBuilder()
        .RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && http.GetEndpoint() is null))
        .Build();

    public static string CallbackPath(string scheme) => $"/signin-oidc-{scheme}";

    public static string SignedOutCallbackPath(string scheme) => $"/signout-callback-oidc-{scheme}";

    /// <summary>The address users reach KIP on (<c>Kip:PublicUrl</c>); the embedded provider's issuer and redirect URIs follow it.</summary>
    public static Uri PublicUrl(IConfiguration configuration) =>
        new(configuration["Kip:PublicUrl"] ?? "http://localhost:5015");

    /// <summary>Cookie session + one OpenID Connect scheme per configured authority, or the embedded provider.</summary>
    public static WebApplicationBuilder AddKipAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var options = configuration.GetSection(KipAuthOptions.Section).Get<KipAuthOptions>() ?? new KipAuthOptions();
        var publicUrl = PublicUrl(configuration);
        var keyFolder = Path.Combine(StorageSetup.DataFolder(configuration, environment), "keys");

        var schemes = new Dictionary<string, KipAuthScheme>(options.Schemes, StringComparer.OrdinalIgnoreCase);
        var embedded = schemes.Count == 0;
        if (embedded)
        {
            if (environment.IsProduction() && !options.AllowDemoAccounts)
            {
                throw new InvalidOperationException(
                    "KIP start niet: er is geen OpenID Connect-authority geconfigureerd (Kip:Auth:Schemes), dus zou KIP de ingebouwde " +
                    "aanmeldserver met demo-accounts gebruiken, waarmee iedereen zich zonder wachtwoord als elke rol kan aanmelden. " +
                    "Configureer een authority (zie README, 'Signing in'), of zet Kip:Auth:AllowDemoAccounts=true " +
                    "als dit bewust een demo-omgeving is. / KIP refuses to start in Production with the embedded demo accounts; " +
                    "configure Kip:Auth:Schemes or set Kip:Auth:AllowDemoAccounts=true.");
            }

            schemes[EmbeddedProvider.SchemeName] = EmbeddedProvider.ClientScheme(publicUrl);
        }

        services.AddDataProtection()
            .SetApplicationName("KIP")
            .PersistKeysToFileSystem(new DirectoryInfo(keyFolder));

        var plainHttp = publicUrl.Scheme == Uri.UriSchemeHttp;
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "kip.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = LoginPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.AccessDeniedPath = Components.Pages.Account.AccessDenied.Url;
            });
        foreach (var (name, scheme) in schemes)
        {
            authentication.AddOpenIdConnect(name, scheme.DisplayName ?? name, oidc => ConfigureClient(oidc, name, scheme, plainHttp));
        }

        if (embedded)
        {
            services.AddEmbeddedProvider(authentication, publicUrl, keyFolder, environment.IsDevelopment());
        }

        services.AddSingleton(new KipSignInSchemes([.. schemes.Select(s => new KipSignInScheme(s.Key, s.Value.DisplayName ?? s.Key))], embedded));
        services.AddScoped<IClaimsTransformation, KipClaimsTransformation>();
        services.AddSingleton<IAuthorizationHandler, OwnOrganisationRequirement>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(DenyByDefault)
            .AddPolicy(KipPolicies.Entrepreneur, p => p.RequireRole(KipRoles.Entrepreneur))
            .AddPolicy(KipPolicies.Commission, p => p.RequireRole(KipRoles.Commission))
            .AddPolicy(KipPolicies.SroiOfficer, p => p.RequireRole(KipRoles.SroiOfficer))
            .AddPolicy(KipPolicies.Coordination, p => p.RequireRole(KipRoles.Coordination))
            .AddPolicy(KipPolicies.DecisionRecord, p => p.RequireRole(KipRoles.Commission, KipRoles.Coordination))
            .AddPolicy(KipPolicies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(KipPolicies.SupplierContact, p => p.RequireRole(KipRoles.SroiOfficer, KipRoles.Commission, KipRoles.Coordination))
            .AddPolicy(KipPolicies.OwnOrganisation, p => p.RequireRole(KipRoles.Entrepreneur).AddRequirements(new OwnOrganisationRequirement()));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, KipRevalidatingAuthenticationStateProvider>();
        return builder;
    }

    private static void ConfigureClient(OpenIdConnectOptions oidc, string name, KipAuthScheme scheme, bool plainHttp)
    {
        oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        oidc.Authority = scheme.Authority;
        oidc.ClientId = scheme.ClientId;
        oidc.ClientSecret = string.IsNullOrEmpty(scheme.ClientSecret) ? null : scheme.ClientSecret;
        oidc.ResponseType = "code";
        oidc.ResponseMode = "query";
        oidc.UsePkce = true;
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = true;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.RequireHttpsMetadata = scheme.RequireHttpsMetadata;
        oidc.CallbackPath = CallbackPath(name);
        oidc.SignedOutCallbackPath = SignedOutCallbackPath(name);
        oidc.RemoteSignOutPath = $"/signout-oidc-{name}";
        oidc.SignedOutRedirectUri = "/";
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("profile");
        foreach (var scope in scheme.Scopes)
        {
            oidc.Scope.Add(scope);
        }

        oidc.TokenValidationParameters.NameClaimType = KipClaims.Name;
        oidc.TokenValidationParameters.RoleClaimType = KipClaims.Role;
        if (plainHttp)
        {
            // Only without TLS (a developer's machine, tests): cookies that a plain-http callback can carry.
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        }

        oidc.Events.OnTokenValidated = context =>
        {
            context.Principal = new System.Security.Claims.ClaimsPrincipal(KipClaimsMapping.Map(name, scheme, context.Principal!));
            return Task.CompletedTask;
        };
    }

    /// <summary>Sign-in and sign-out endpoints (as dotnet/blazor-samples BlazorWebAppOidcBffServer), and the embedded provider's.</summary>
    public static WebApplication MapKipAccess(this WebApplication app)
    {
        var group = app.MapGroup("/authentication").AllowAnonymous();
        group.MapGet("/login", (string? returnUrl, string? scheme, KipSignInSchemes schemes) =>
        {
            var target = LocalOrHome(returnUrl);
            var chosen = scheme is null && schemes.All.Count == 1 ? schemes.All[0].Name : scheme;
            if (chosen is null || !schemes.All.Any(s => s.Name == chosen))
            {
                return Results.Redirect($"{Components.Pages.Account.SignIn.Url}?returnUrl={Uri.EscapeDataString(target)}");
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [chosen]);
        });
        group.MapPost("/logout", ([FromForm] string? returnUrl, HttpContext http) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) };
            var scheme = http.User.FindFirst(KipClaims.Scheme)?.Value;
            string[] schemes = scheme is null
                ? [CookieAuthenticationDefaults.AuthenticationScheme]
                : [CookieAuthenticationDefaults.AuthenticationScheme, scheme];
            return Results.SignOut(properties, schemes);
        });

        if (app.Services.GetRequiredService<KipSignInSchemes>().Embedded)
        {
            app.MapEmbeddedProvider();
        }

        return app;
    }

    /// <summary>The open-redirect guard: only a path on this site, never another host.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

/// <summary>The authorities a person can sign in with, for the sign-in choice page.</summary>
public sealed record KipSignInSchemes(IReadOnlyList<KipSignInScheme> All, bool Embedded);

public sealed record KipSignInScheme(string Name, string DisplayName);
