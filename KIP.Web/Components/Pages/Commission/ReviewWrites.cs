using System.Security.Claims;
using KIP.Domain.Applications;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

/// <summary>A member's note on an application awaiting review (a comment, a declared conflict): who may write it and when.</summary>
internal static class ReviewWrites
{
    /// <summary>
    /// Runs <paramref name="change"/> for a commission member with a non-empty text of at most
    /// <see cref="ReviewPreparationService.TextMaxLength"/> characters on an application that awaits review; saves when done.
    /// </summary>
    public static async Task<ActionResult> ChangeAsync(
        IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time,
        ClaimsPrincipal user, Guid applicationId, string? text, string requiredKey,
        Func<KipDbContext, Guid, string, DateTimeOffset, Task<ActionResult>> change, CancellationToken cancellationToken)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > ReviewPreparationService.TextMaxLength)
        {
            return ActionResult.Refused(requiredKey);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Applications.AnyAsync(a => a.Id == applicationId && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.InReview), cancellationToken))
        {
            return ActionResult.Refused("Review.Error.NotAwaitingReview");
        }

        var result = await change(db, actor.Value, value, time.GetUtcNow());
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
