using System.Security.Claims;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Notifications;

/// <summary>A signed-in person's own notifications: the list, the unread count, marking read. One per circuit.</summary>
public sealed class NotificationService(IDbContextFactory<KipDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Raised after this circuit marked something read, so the unread count in the app bar follows.</summary>
    public event Action? Changed;

    public async Task<IReadOnlyList<Notification>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.PersonId() is not { } personId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.PersonId == personId)
            .OrderByDescending(n => n.CreatedAt)
            .ThenBy(n => n.OrganisationName)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.PersonId() is not { } personId)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.PersonId == personId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The refusal when the notification is not the person's, or already read.</summary>
    public const string MarkReadFailedKey = "Notifications.MarkReadFailed";

    /// <summary>Marks one of the person's own notifications read; another person's is left alone (refused).</summary>
    public async Task<ActionResult> MarkReadAsync(ClaimsPrincipal user, Guid notificationId, CancellationToken cancellationToken = default)
    {
        if (user.PersonId() is not { } personId)
        {
            return ActionResult.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var changed = await db.Notifications
            .Where(n => n.Id == notificationId && n.PersonId == personId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTimeOffset?)now), cancellationToken);
        if (changed == 0)
        {
            return ActionResult.Refused(MarkReadFailedKey);
        }

        Changed?.Invoke();
        return ActionResult.Done;
    }
}
