using KIP.Web.Data;
using KIP.Web.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc;

namespace KIP.Web.Identity;

/// <summary>Access is denied by default: every page and endpoint names who may use it (product.md, "People and roles").</summary>
public static class AccessSetup
{
    public const string LoginPath = "/authentication/login";
    public const string LogoutPath = "/authentication/logout";

    /// <summary>The data-protection application name: fixed, so every instance (whatever its folder) shares the key ring.</summary>
    public const string DataProtectionApplicationName = "KIP";

    /// <summary>An endpoint that names no policy needs a signed-in user (<see cref="KipPolicies.DenyByDefault"/>).</summary>
    public static AuthorizationPolicy DenyByDefault => KipPolicies.DenyByDefault;

    public static string CallbackPath(string scheme) => $"/signin-oidc-{scheme}";

    public static string SignedOutCallbackPath(string scheme) => $"/signout-callback-oidc-{scheme}";

    /// <summary>Cookie session + one OpenID Connect scheme per configured authority, or the embedded provider.</summary>
    public static WebApplicationBuilder AddKipAccess(this WebApplicationBuilder builder, KipStartSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var services = builder.Services;
        var environment = builder.Environment;
        var options = settings.Get<KipAuthOptions>();
        var kip = settings.Get<KipOptions>();
        var publicUrl = kip.PublicAddress;

        var schemes = new Dictionary<string, KipAuthScheme>(options.Schemes, StringComparer.OrdinalIgnoreCase);
        var embedded = schemes.Count == 0;
        if (embedded)
        {
            if (!environment.IsDevelopment() && !options.AllowDemoAccounts)
            {
                throw new InvalidOperationException(
                    $"KIP start niet: de omgeving is '{environment.EnvironmentName}' en er is geen OpenID Connect-authority geconfigureerd " +
                    "(Kip:Auth:Schemes), dus zou KIP de ingebouwde aanmeldserver met demo-accounts gebruiken, waarmee iedereen zich zonder " +
                    "wachtwoord als elke rol kan aanmelden. Demo-accounts starten alleen in Development. Configureer een authority " +
                    "(zie README, 'Signing in'), of zet Kip:Auth:AllowDemoAccounts=true als dit bewust een demo-omgeving is. / " +
                    $"KIP refuses to start: the environment is '{environment.EnvironmentName}' and no authority is configured, so the " +
                    "passwordless demo accounts would be used; they start only in Development. Configure Kip:Auth:Schemes or set " +
                    "Kip:Auth:AllowDemoAccounts=true deliberately.");
            }

            schemes[EmbeddedProvider.SchemeName] = EmbeddedProvider.ClientScheme(publicUrl);
        }

        services.AddHttpContextAccessor();
        services.AddSingleton(new KipIssuer(publicUrl));
        services.AddKipForwardedHeaders(settings.Get<KipForwardedHeadersOptions>());

        // One key ring in the database for every instance (table DataProtectionKeys), under one application name, so a
        // session or antiforgery cookie made by one instance is read by the other (docs/decisions/016-several-servers.md).
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<KipDbContext>();

        // Server-side sessions (ASVS V7): the cookie carries only the key of a row in the database.
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<DatabaseTicketStore, Microsoft.Extensions.Options.IOptions<KipSessionOptions>>((cookie, store, sessions) => cookie.UseServerSessions(sessions.Value, store));
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionActivityCircuitHandler>();

        var plainHttp = publicUrl is null || publicUrl.Scheme == Uri.UriSchemeHttp;
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
            authentication.AddOpenIdConnect(name, scheme.DisplayName ?? name, oidc => OidcClientSetup.ConfigureClient(oidc, name, scheme, plainHttp));
        }

        if (embedded && publicUrl is null)
        {
            // No fixed address: KIP's client reads the embedded provider's metadata at the browser's own origin.
            services.AddOptions<OpenIdConnectOptions>(EmbeddedProvider.SchemeName).Configure<IHttpContextAccessor, IServer>((oidc, accessor, server) =>
            {
                oidc.Authority = null;
                oidc.BackchannelHttpHandler = new SelfBackchannelHandler(server);
                oidc.ConfigurationManager = new PerOriginConfigurationManager(accessor, new HttpClient(new SelfBackchannelHandler(server)));
            });
        }

        if (embedded)
        {
            services.AddEmbeddedProvider(authentication, publicUrl, environment.IsDevelopment());

            // The demo provider's own session is server-side too: signing out there ends it, a copied cookie does not sign in.
            services.AddOptions<CookieAuthenticationOptions>(EmbeddedProvider.ProviderCookie)
                .Configure<IServiceProvider, Microsoft.Extensions.Options.IOptions<KipSessionOptions>>((cookie, provider, sessions) =>
                {
                    var store = ActivatorUtilities.CreateInstance<DatabaseTicketStore>(provider);
                    store.MarksRequest = false;
                    cookie.UseServerSessions(sessions.Value, store);
                });
        }

        services.AddSingleton(new KipSignInSchemes([.. schemes.Select(s => new KipSignInScheme(s.Key, s.Value.DisplayName ?? s.Key))], embedded));
        services.AddScoped<IClaimsTransformation, KipClaimsTransformation>();
        services.AddKipPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, KipRevalidatingAuthenticationStateProvider>();
        return builder;
    }

    /// <summary>
    /// Makes the keys every instance shares when they are missing: the data-protection key ring's first key and, with the
    /// embedded provider, its signing and encryption key pairs. Run under the migration lock (the <c>migrate</c> step or
    /// the start-up migration), so instances started afterwards find them and only read.
    /// </summary>
    public static void EnsureSharedKeys(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("KIP.Identity.KeyRingCheck").Protect("ready");
        services.GetService<ProviderKeys>()?.EnsureStored();
    }

    /// <summary>The sign-in page with the message that signing in did not work.</summary>
    public static string SignInFailedUrl => Components.Pages.Account.SignIn.Url + "?fout=1";

    /// <summary>
    /// On the sign-in paths an exception (e.g. the authority cannot be reached) sends the person to the sign-in
    /// page with a plain message, in Development too: never a 500 page with a stack trace. The error is logged.
    /// </summary>
    public static WebApplication UseKipSignInErrors(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/authentication", StringComparison.OrdinalIgnoreCase)
                || http.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
                || http.Request.Path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase)
                || (http.Request.Path.Value ?? string.Empty).StartsWith("/signin-oidc", StringComparison.OrdinalIgnoreCase)
                || (http.Request.Path.Value ?? string.Empty).StartsWith("/signout-", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = http =>
                {
                    // A bad request (e.g. a sign-out form without its antiforgery token) stays a plain 400.
                    if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
                    {
                        http.Response.StatusCode = bad.StatusCode;
                        return Task.CompletedTask;
                    }

                    http.Response.Redirect(SignInFailedUrl);
                    return Task.CompletedTask;
                },
            }));
        return app;
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
        group.MapPost("/logout", async ([FromForm] string? returnUrl, HttpContext http) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) };
            var scheme = http.User.FindFirst(KipClaims.Scheme)?.Value;
            if (scheme is null)
            {
                // No session at an authority (e.g. already signed out in another tab): end the cookie and go back.
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme, properties);
                return Results.Redirect(properties.RedirectUri);
            }

            return Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme, scheme]);
        });

        if (app.Services.GetRequiredService<KipSignInSchemes>().Embedded)
        {
            app.MapEmbeddedProvider();
        }

        return app;
    }

    /// <summary>The open-redirect guard: only a path on this site, never another host (<see cref="ReturnAddress"/>).</summary>
    public static string LocalOrHome(string? returnUrl) => ReturnAddress.LocalOrHome(returnUrl);
}

/// <summary>The authorities a person can sign in with, for the sign-in choice page.</summary>
public sealed record KipSignInSchemes(IReadOnlyList<KipSignInScheme> All, bool Embedded);

public sealed record KipSignInScheme(string Name, string DisplayName);
