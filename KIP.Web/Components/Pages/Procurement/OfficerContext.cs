using System.Security.Claims;
using KIP.Web.Identity;

namespace KIP.Web.Components.Pages.Procurement;

/// <summary>The signed-in officer's person id: shortlists belong to a person.</summary>
public static class OfficerContext
{
    public static Guid? PersonId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirst(KipClaims.PersonId)?.Value, out var id) ? id : null;
}
