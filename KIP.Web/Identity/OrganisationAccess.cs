using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace KIP.Web.Identity;

/// <summary>An entrepreneur reaches only their own organisation's data, whatever id is in the URL or request.</summary>
public static class OrganisationAccess
{
    public const string RouteKey = "id";

    public static IReadOnlyList<Guid> OrganisationsOf(ClaimsPrincipal user) =>
        [.. user.FindAll(KipClaims.Organisation).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    public static bool MayManage(ClaimsPrincipal user, Guid organisationId) =>
        organisationId != Guid.Empty && OrganisationsOf(user).Contains(organisationId);
}

/// <summary>The organisation named by the resource (an id, or the route's <c>id</c>) is one the user acts for.</summary>
public sealed class OwnOrganisationRequirement : AuthorizationHandler<OwnOrganisationRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnOrganisationRequirement requirement)
    {
        var id = context.Resource switch
        {
            Guid guid => guid,
            HttpContext http => Parse(http.GetRouteValue(OrganisationAccess.RouteKey)),
            Microsoft.AspNetCore.Components.RouteData route => Parse(route.RouteValues.GetValueOrDefault(OrganisationAccess.RouteKey)),
            _ => Guid.Empty,
        };
        if (OrganisationAccess.MayManage(context.User, id))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static Guid Parse(object? value) => value switch
    {
        Guid guid => guid,
        string text when Guid.TryParse(text, out var guid) => guid,
        _ => Guid.Empty,
    };
}
