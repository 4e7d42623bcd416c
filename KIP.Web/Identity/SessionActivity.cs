using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace KIP.Web.Identity;

/// <summary>
/// Keeps the server-side session (<see cref="DatabaseTicketStore"/>) in step with what the person does: each request and
/// each interaction on an open page counts as activity; a page visit with an expired session ends it and shows
/// "Uw sessie is verlopen" with a sign-in button, rather than silently signing in again.
/// </summary>
public static class SessionActivity
{
    /// <summary>After <c>UseAuthentication</c>: the request's user is known, with the roles KIP's data gives now.</summary>
    public static WebApplication UseKipSessions(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Items[typeof(SessionState)] is SessionState state)
            {
                if (state.Expired)
                {
                    if (IsPageVisit(http.Request) && !IsSignInTraffic(http.Request.Path))
                    {
                        // Ends the record and the cookie, so the expiry page is shown once and signing in starts afresh.
                        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                        http.Response.Redirect(Components.Pages.Account.SessionExpired.UrlFor(ReturnAddress(http.Request)));
                        return;
                    }
                }
                else if (http.User.Identity?.IsAuthenticated == true)
                {
                    var store = http.RequestServices.GetRequiredService<DatabaseTicketStore>();
                    await store.TouchAsync(state, Roles(http.User), http.RequestAborted);
                }
            }

            await next(http);
        });
        return app;
    }

    public static IEnumerable<string> Roles(ClaimsPrincipal user) => user.FindAll(KipClaims.Role).Select(c => c.Value);

    /// <summary>A browser opening a page, also by Blazor's enhanced navigation (not a script's fetch, an image or the live connection).</summary>
    private static bool IsPageVisit(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Headers["Sec-Fetch-Mode"] == "navigate"
            || request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrEmpty(request.Headers["Sec-Fetch-Mode"]) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The expiry page itself, and the authority's and the OIDC handler's paths: there the old session is not the subject.</summary>
    private static bool IsSignInTraffic(PathString path) =>
        path.StartsWithSegments(Components.Pages.Account.SessionExpired.Url, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase)
        || (path.Value ?? string.Empty).StartsWith("/signin-oidc", StringComparison.OrdinalIgnoreCase)
        || (path.Value ?? string.Empty).StartsWith("/signout-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where signing in again should lead: the page asked for (for the sign-in endpoint, its own return address).</summary>
    private static string ReturnAddress(HttpRequest request) =>
        AccessSetup.LocalOrHome(request.Path.StartsWithSegments(AccessSetup.LoginPath, StringComparison.OrdinalIgnoreCase)
            ? request.Query["returnUrl"].ToString()
            : request.PathBase + request.Path + request.QueryString);
}

/// <summary>
/// An open page makes no HTTP requests: a click or a key in the live circuit is activity too, written at most once per
/// <see cref="KipSessionOptions.TouchInterval"/>. (Live updates the page receives are acknowledged by the browser and
/// count as activity as well; the absolute lifetime ends such a session all the same.)
/// </summary>
internal sealed class SessionActivityCircuitHandler(
    AuthenticationStateProvider authentication,
    DatabaseTicketStore store,
    IOptions<KipSessionOptions> options,
    TimeProvider time,
    ILogger<SessionActivityCircuitHandler> logger) : CircuitHandler
{
    private DateTimeOffset _lastTouch = DateTimeOffset.MinValue;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await TouchAsync();
            await next(context);
        };

    private async Task TouchAsync()
    {
        var now = time.GetUtcNow();
        if (now - _lastTouch < options.Value.TouchInterval)
        {
            return;
        }

        _lastTouch = now;
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            if (user.FindFirst(KipClaims.Session)?.Value is { } key && await store.FindAsync(key) is { } state)
            {
                await store.TouchAsync(state, SessionActivity.Roles(user));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(exception, "The session's activity could not be recorded.");
        }
    }
}
