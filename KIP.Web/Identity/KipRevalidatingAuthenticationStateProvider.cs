using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace KIP.Web.Identity;

/// <summary>
/// A Blazor circuit keeps the user it started with. Every minute this asks KIP's data again (the claims
/// transformation); when a seat term ended or an organisation link went, the circuit's user is dropped and
/// the page reloads through the cookie with the roles as they are now.
/// </summary>
internal sealed class KipRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillValidAsync(authenticationState.User);

    /// <summary>True when KIP's data still gives this user the same roles and organisations.</summary>
    internal async Task<bool> StillValidAsync(ClaimsPrincipal user)
    {
        var session = user.Identities.FirstOrDefault(i => i.HasClaim(c => c.Type == KipClaims.Scheme));
        if (session is null)
        {
            return user.Identity?.IsAuthenticated != true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var transformation = scope.ServiceProvider.GetRequiredService<IClaimsTransformation>();
        var fresh = await transformation.TransformAsync(new ClaimsPrincipal(session.Clone()));
        return Access(fresh).SetEquals(Access(user));
    }

    private static HashSet<string> Access(ClaimsPrincipal user) =>
        [.. user.Claims.Where(c => c.Type is KipClaims.Role or KipClaims.Organisation).Select(c => $"{c.Type}={c.Value}")];
}
