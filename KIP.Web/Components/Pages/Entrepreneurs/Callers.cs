using System.Security.Claims;
using KIP.Domain.Applications;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Who calls a service method of the entrepreneurs' pages: checked again inside the method, whatever the page showed.</summary>
internal static class Callers
{
    internal static Guid RequirePerson(ClaimsPrincipal user) =>
        user.PersonId() ?? throw new UnauthorizedAccessException("Signed-in person unknown in KIP.");

    internal static void RequireOwn(ClaimsPrincipal user, Guid organisationId)
    {
        if (!OrganisationAccess.MayManage(user, organisationId))
        {
            throw new UnauthorizedAccessException("Not your organisation.");
        }
    }

    internal static Guid RequireRole(ClaimsPrincipal user, string role) =>
        user.IsInRole(role) ? RequirePerson(user) : throw new UnauthorizedAccessException($"Requires {role}.");

    /// <summary>The application, when it is one of the caller's own organisation.</summary>
    internal static async Task<Application> OwnApplicationAsync(KipDbContext db, ClaimsPrincipal user, Guid applicationId)
    {
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId)
            ?? throw new UnauthorizedAccessException("Unknown application.");
        RequireOwn(user, application.OrganisationId);
        return application;
    }
}
