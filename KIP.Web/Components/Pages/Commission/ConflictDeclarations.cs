using System.Security.Claims;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

/// <summary>
/// Rulebook §6 Recusal, ahead of the session: a member declares a conflict of interest on an application awaiting
/// review, or withdraws it, until the item comes to the floor; open session screens are told.
/// </summary>
public sealed class ConflictDeclarations(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time, ISessionNotifier notifier)
{
    /// <summary>§6: a member declares a conflict of interest ahead; the live session treats it as a recusal for the item.</summary>
    public async Task<ActionResult> DeclareConflictAsync(ClaimsPrincipal user, Guid applicationId, string? reason, CancellationToken cancellationToken = default)
    {
        var result = await DeclareAsync(user, applicationId, reason, cancellationToken);
        if (result.Succeeded)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await AnnounceToOpenMeetingAsync(db, applicationId);
        }

        return result;
    }

    private Task<ActionResult> DeclareAsync(ClaimsPrincipal user, Guid applicationId, string? reason, CancellationToken cancellationToken) =>
        ReviewWrites.ChangeAsync(factory, guard, time, user, applicationId, reason, "Review.Error.ReasonRequired", async (db, actor, value, now) =>
        {
            if (await db.ConflictsOfInterest.AnyAsync(c => c.ApplicationId == applicationId && c.PersonId == actor, cancellationToken))
            {
                return ActionResult.Refused("Review.Error.ConflictAlreadyDeclared");
            }

            if (await HasComeToTheFloorAsync(db, applicationId, since: null, cancellationToken))
            {
                return ActionResult.Refused("Review.Error.ConflictOnTheFloor");
            }

            var meetingId = await db.AgendaEntries
                .Where(e => e.ApplicationId == applicationId && db.Meetings.Any(m => m.Id == e.MeetingId && m.Status != MeetingStatus.Closed))
                .Select(e => (Guid?)e.MeetingId).FirstOrDefaultAsync(cancellationToken);
            db.ConflictsOfInterest.Add(new ConflictOfInterest { Id = Guid.NewGuid(), MeetingId = meetingId, ApplicationId = applicationId, PersonId = actor, Reason = value, DeclaredAt = now });
            db.Record(now, actor, "review.conflict-declared", $"application:{applicationId}", value);
            return ActionResult.Done;
        }, cancellationToken);

    /// <summary>
    /// §6: a member withdraws the conflict they declared ahead — only until the item comes to the floor (from then on
    /// the recusal stands for that session). Recorded in the audit log.
    /// </summary>
    public async Task<ActionResult> WithdrawConflictAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Commission);
        if (!allowed || actor is null)
        {
            return ActionResult.NotAllowed;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var conflict = await db.ConflictsOfInterest.SingleOrDefaultAsync(c => c.ApplicationId == applicationId && c.PersonId == actor, cancellationToken);
        if (conflict is null)
        {
            return ActionResult.Refused("Review.Error.NoConflict");
        }

        if (await HasComeToTheFloorAsync(db, applicationId, conflict.DeclaredAt, cancellationToken))
        {
            return ActionResult.Refused("Review.Error.ConflictOnTheFloor");
        }

        var now = time.GetUtcNow();
        db.ConflictsOfInterest.Remove(conflict);
        db.Record(now, actor.Value, "review.conflict-withdrawn", $"application:{applicationId}", conflict.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceToOpenMeetingAsync(db, applicationId);
        return ActionResult.Done;
    }

    /// <summary>
    /// §6: a declaration ahead changes only until its item comes to the floor: refused when the application is, in an
    /// open meeting, on the floor (the first item without a result) or treated, or — for a declaration made at
    /// <paramref name="since"/> — was on the agenda of a meeting held after it (the recusal is in that record).
    /// </summary>
    private static async Task<bool> HasComeToTheFloorAsync(KipDbContext db, Guid applicationId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var held = await db.AgendaEntries.AsNoTracking().Where(e => e.ApplicationId == applicationId)
            .Join(db.Meetings.Where(m => m.Status != MeetingStatus.Planned), e => e.MeetingId, m => m.Id, (e, m) => new { Entry = e, m.Status, m.OpenedAt })
            .ToListAsync(cancellationToken);
        foreach (var meeting in held)
        {
            if (meeting.Status == MeetingStatus.Closed)
            {
                if (since is not null && meeting.OpenedAt > since)
                {
                    return true;
                }

                continue;
            }

            var waiting = await db.AgendaEntries.AsNoTracking()
                .AnyAsync(e => e.MeetingId == meeting.Entry.MeetingId && e.Position < meeting.Entry.Position && e.Result == null, cancellationToken);
            if (meeting.Entry.Result is not null || !waiting)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Open session screens reload when a declaration for one of their items changes.</summary>
    private async Task AnnounceToOpenMeetingAsync(KipDbContext db, Guid applicationId)
    {
        var meetings = await db.AgendaEntries.AsNoTracking().Where(e => e.ApplicationId == applicationId)
            .Join(db.Meetings.Where(m => m.Status != MeetingStatus.Closed), e => e.MeetingId, m => m.Id, (e, m) => m.Id).ToListAsync();
        foreach (var meeting in meetings)
        {
            await notifier.PublishAsync(new SessionChanged(meeting, "conflict"));
        }
    }
}
