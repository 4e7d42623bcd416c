using System.Security.Claims;

namespace KIP.Web.Identity;

/// <summary>The signed-in person's KIP id, read from the claims the sign-in gave.</summary>
public static class PersonClaims
{
    public static Guid? PersonId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirst(KipClaims.PersonId)?.Value, out var id) ? id : null;
}
