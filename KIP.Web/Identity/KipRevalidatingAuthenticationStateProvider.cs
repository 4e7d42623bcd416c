using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace KIP.Web.Identity;

/// <summary>
/// A Blazor circuit keeps the user it started with. Every <see cref="KipSessionOptions.RevalidationInterval"/> (a minute)
/// this asks again: does the server-side session still exist and hold (not signed out elsewhere, not expired), and does
/// KIP's data still give the same roles and organisations (the claims transformation)? If not, the circuit's user is
/// dropped and the page goes through the cookie again: to the roles as they are now, or to "Uw sessie is verlopen".
/// </summary>
internal sealed class KipRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, DatabaseTicketStore sessions, IOptions<KipSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>True when the session is still active and KIP's data still gives this user the same roles and organisations.</summary>
    internal async Task<bool> StillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var session = user.Identities.FirstOrDefault(i => i.HasClaim(c => c.Type == KipClaims.Scheme));
        if (session is null)
        {
            return user.Identity?.IsAuthenticated != true;
        }

        if (session.FindFirst(KipClaims.Session)?.Value is not { } key || !await sessions.IsActiveAsync(key, cancellationToken))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var transformation = scope.ServiceProvider.GetRequiredService<IClaimsTransformation>();
        var fresh = await transformation.TransformAsync(new ClaimsPrincipal(session.Clone()));
        return Access(fresh).SetEquals(Access(user));
    }

    private static HashSet<string> Access(ClaimsPrincipal user) =>
        [.. user.Claims.Where(c => c.Type is KipClaims.Role or KipClaims.Organisation).Select(c => $"{c.Type}={c.Value}")];
}
