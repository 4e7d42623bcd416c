using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace KIP.Web.Identity;

/// <summary>Access is denied by default: every page and endpoint names who may use it (product.md, "People and roles").</summary>
public static class AccessSetup
{
    /// <summary>
    /// An endpoint that names no policy needs a signed-in user. A request that matches no endpoint at all
    /// passes, so that it gets the Dutch "page not found" rather than a sign-in loop.
    /// </summary>
    public static readonly AuthorizationPolicy DenyByDefault = new AuthorizationPolicyBuilder()
        .RequireAssertion(context =>
            context.User.Identity?.IsAuthenticated == true
            || (context.Resource is HttpContext http && http.GetEndpoint() is null))
        .Build();

    public static IServiceCollection AddKipAccess(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "kip.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.AccessDeniedPath = "/geen-toegang";
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(DenyByDefault);
        services.AddCascadingAuthenticationState();
        return services;
    }
}
