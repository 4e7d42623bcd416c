using KIP.Web.Data;
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

    /// <summary>The address users reach KIP on (<c>Kip:PublicUrl</c>) for links in e-mails; <c>http://localhost:5015</c> when not set.</summary>
    public static Uri PublicUrl(IConfiguration configuration) =>
        ConfiguredPublicUrl(configuration) ?? new Uri("http://localhost:5015");

    /// <summary>
    /// <c>Kip:PublicUrl</c> when set: the embedded provider's fixed issuer. When not set (null), the provider and KIP's
    /// own client follow each request's address (<see cref="RequestOrigin"/>). A value that cannot work stops start-up.
    /// </summary>
    public static Uri? ConfiguredPublicUrl(IConfiguration configuration)
    {
        var text = configuration["Kip:PublicUrl"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            throw new InvalidOperationException(
                $"KIP start niet: Kip:PublicUrl '{text}' is geen volledig http(s)-adres zoals https://kip.example.nl; " +
                "laat de instelling weg om KIP het adres uit elk verzoek te laten nemen. / Kip:PublicUrl must be an absolute http(s) address, or be left out.");
        }

        return url;
    }

    /// <summary>Cookie session + one OpenID Connect scheme per configured authority, or the embedded provider.</summary>
    public static WebApplicationBuilder AddKipAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var options = configuration.GetSection(KipAuthOptions.Section).Get<KipAuthOptions>() ?? new KipAuthOptions();
        var publicUrl = ConfiguredPublicUrl(configuration);
        var forwarded = ForwardedHeaders(configuration);
        var keyFolder = Path.Combine(StorageSetup.DataFolder(configuration, environment), "keys");

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
        if (forwarded is not null)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = forwarded.ForwardedHeaders;
                foreach (var proxy in forwarded.KnownProxies)
                {
                    o.KnownProxies.Add(proxy);
                }

                foreach (var network in forwarded.KnownIPNetworks)
                {
                    o.KnownIPNetworks.Add(network);
                }
            });
        }

        services.AddDataProtection()
            .SetApplicationName("KIP")
            .PersistKeysToFileSystem(new DirectoryInfo(keyFolder));

        // Server-side sessions (ASVS V7): the cookie carries only the key of a row in the database.
        services.Configure<KipSessionOptions>(configuration.GetSection(KipSessionOptions.Section));
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
            authentication.AddOpenIdConnect(name, scheme.DisplayName ?? name, oidc => ConfigureClient(oidc, name, scheme, plainHttp));
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
            services.AddEmbeddedProvider(authentication, publicUrl, keyFolder, environment.IsDevelopment());

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
        services.AddSingleton<IAuthorizationHandler, OwnOrganisationRequirement>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(DenyByDefault)
            .AddPolicy(KipPolicies.Entrepreneur, p => p.RequireRole(KipRoles.Entrepreneur))
            .AddPolicy(KipPolicies.Commission, p => p.RequireRole(KipRoles.Commission))
            .AddPolicy(KipPolicies.SroiOfficer, p => p.RequireRole(KipRoles.SroiOfficer))
            .AddPolicy(KipPolicies.Coordination, p => p.RequireRole(KipRoles.Coordination))
            .AddPolicy(KipPolicies.DecisionRecord, p => p.RequireRole(KipRoles.Commission, KipRoles.Coordination))
            .AddPolicy(KipPolicies.RegionOverview, p => p.RequireRole(KipRoles.Coordination, KipRoles.SroiOfficer))
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
        oidc.SaveTokens = true; // only the id_token is kept (OnTicketReceived), on the server (DatabaseTicketStore)
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
        // The authority answers in the query of a top-level GET (response_mode=query), which Lax cookies accompany:
        // no cross-site POST needs them, so they are never SameSite=None (V3.3.2).
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        if (plainHttp)
        {
            // Only without TLS (a developer's machine, tests): cookies that a plain-http callback can carry.
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        // A sign-in that fails at the authority (refused, expired, a broken answer) ends on the sign-in page with a
        // plain message, never an error page with a stack trace.
        oidc.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(SignInFailedUrl);
            context.HandleResponse();
            return Task.CompletedTask;
        };
        oidc.Events.OnSignedOutCallbackRedirect = context =>
        {
            // Also a replayed or forged callback (no readable state) ends on a page, never on a blank answer.
            context.Response.Redirect(LocalOrHome(context.Properties?.RedirectUri));
            context.HandleResponse();
            return Task.CompletedTask;
        };
        // The handler accepts an unsigned ID token from the token endpoint (the OIDC spec allows it over TLS); KIP
        // does not: an ID token without a signature signs nobody in (V9.1.2, V6.8.2).
        oidc.Events.OnTokenResponseReceived = context =>
        {
            if (context.TokenEndpointResponse.IdToken is { } idToken && !new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(idToken).IsSigned)
            {
                context.Fail("The authority's ID token is not signed.");
            }

            return Task.CompletedTask;
        };
        oidc.Events.OnTokenValidated = async context =>
        {
            var identity = KipClaimsMapping.Map(name, scheme, context.Principal!);
            await PersonLinks.LinkByVerifiedEmailAsync(context.HttpContext.RequestServices, name, scheme, context.Principal!, identity.FindFirst(KipClaims.Subject)!.Value);
            context.Principal = new System.Security.Claims.ClaimsPrincipal(identity);
        };

        // The return address travels in the protected state; it is checked again where it is followed (V3.7.2).
        // Of the tokens only the id_token is kept, in the server-side session: sign-out sends it as id_token_hint.
        // The access token is used by nothing in KIP, so it is not kept at all.
        oidc.Events.OnTicketReceived = context =>
        {
            context.ReturnUri = LocalOrHome(context.ReturnUri);
            if (context.Properties is { } properties)
            {
                properties.StoreTokens([.. properties.GetTokens().Where(t => t.Name == "id_token")]);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The sign-in page with the message that signing in did not work.</summary>
    public static string SignInFailedUrl => Components.Pages.Account.SignIn.Url + "?fout=1";

    /// <summary>
    /// <c>Kip:ForwardedHeaders</c>: behind a reverse proxy, KIP takes the browser's scheme and host from
    /// X-Forwarded-Proto/-Host/-For, only from the proxies named (besides this machine). Null when not enabled.
    /// </summary>
    public static ForwardedHeadersOptions? ForwardedHeaders(IConfiguration configuration)
    {
        var section = configuration.GetSection("Kip:ForwardedHeaders");
        if (!section.GetValue<bool>("Enabled"))
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
        };
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address) ? address : throw new InvalidOperationException(
                $"KIP start niet: Kip:ForwardedHeaders:KnownProxies bevat '{proxy}', dat is geen IP-adres. / '{proxy}' in Kip:ForwardedHeaders:KnownProxies is not an IP address."));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed : throw new InvalidOperationException(
                $"KIP start niet: Kip:ForwardedHeaders:KnownNetworks bevat '{network}', dat is geen netwerk zoals 10.0.0.0/8. / '{network}' in Kip:ForwardedHeaders:KnownNetworks is not a network like 10.0.0.0/8."));
        }

        return options;
    }

    /// <summary>First in the pipeline: the proxy's forwarded headers, only when <c>Kip:ForwardedHeaders:Enabled</c>.</summary>
    public static WebApplication UseKipForwardedHeaders(this WebApplication app)
    {
        if (ForwardedHeaders(app.Configuration) is not null)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

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
