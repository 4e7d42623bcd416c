using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace KIP.Web.Identity;

/// <summary>Re-checks a page's policy inside the service method that changes data.</summary>
public sealed class PolicyGuard(IAuthorizationService authorization)
{
    /// <summary>The acting person's id when <paramref name="user"/> meets <paramref name="policy"/>; null otherwise.</summary>
    public async Task<(bool Allowed, Guid? PersonId)> CheckAsync(ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = await authorization.AuthorizeAsync(user, policy);
        return (result.Succeeded, user.PersonId());
    }
}
