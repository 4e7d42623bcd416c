using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace KIP.Web.Identity;

/// <summary>KIP as an OpenID Connect client of one authority: the code flow with PKCE, its cookies, and what it keeps of the answer.</summary>
public static class OidcClientSetup
{
    internal static void ConfigureClient(OpenIdConnectOptions oidc, string name, KipAuthScheme scheme, bool plainHttp)
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
        oidc.CallbackPath = AccessSetup.CallbackPath(name);
        oidc.SignedOutCallbackPath = AccessSetup.SignedOutCallbackPath(name);
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
            context.Response.Redirect(AccessSetup.SignInFailedUrl);
            context.HandleResponse();
            return Task.CompletedTask;
        };
        oidc.Events.OnSignedOutCallbackRedirect = context =>
        {
            // Also a replayed or forged callback (no readable state) ends on a page, never on a blank answer.
            context.Response.Redirect(AccessSetup.LocalOrHome(context.Properties?.RedirectUri));
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
            context.ReturnUri = AccessSetup.LocalOrHome(context.ReturnUri);
            if (context.Properties is { } properties)
            {
                properties.StoreTokens([.. properties.GetTokens().Where(t => t.Name == "id_token")]);
            }

            return Task.CompletedTask;
        };
    }
}
