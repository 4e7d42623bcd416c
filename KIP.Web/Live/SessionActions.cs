using KIP.Domain;
using KIP.Web.Actions;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// Runs one command on a review session: take the meeting's write lock (<see cref="IMeetingWriteLock"/>), rebuild
/// the session from the record, check that the actor holds a seat on the meeting's date, act, save, commit — and only
/// then announce what changed through the seam. A refusal of KIP.Domain is the answer (<see cref="ActionResult"/>),
/// nothing stored and nothing announced.
/// </summary>
public sealed class SessionActions(
    IDbContextFactory<KipDbContext> factory, IMeetingWriteLock writeLock, SessionRebuild rebuild, ISessionNotifier notifier, TimeProvider time)
{
    /// <summary>A command's own part: change the state and the stored record; returns what else to announce.</summary>
    public delegate Task<IReadOnlyList<LiveAnnouncement>> Change(KipDbContext db, SessionState state, DateTimeOffset now);

    public Task<ActionResult> RunAsync(Guid meetingId, Guid actor, string what, Func<KipDbContext, SessionState, DateTimeOffset, IReadOnlyList<LiveAnnouncement>> change) =>
        RunAsync(meetingId, actor, what, (db, state, now) => Task.FromResult(change(db, state, now)));

    public Task<ActionResult> RunAsync(Guid meetingId, Guid actor, string what, Change change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ServiceCall.RunAsync(() => ActAsync(meetingId, actor, what, change));
    }

    /// <summary>
    /// A command that needs no rebuilt session: <paramref name="tryChange"/> reads what it must under the write lock and
    /// either changes the record (true: saved, committed, announced) or leaves it alone (false: rolled back, nothing announced).
    /// </summary>
    public async Task<bool> TryAsync(Guid meetingId, string what, Func<KipDbContext, DateTimeOffset, Task<bool>> tryChange)
    {
        ArgumentNullException.ThrowIfNull(tryChange);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var transaction = await writeLock.AcquireAsync(db, meetingId);
            if (!await tryChange(db, time.GetUtcNow()))
            {
                return false;
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await notifier.PublishAsync(new SessionChanged(meetingId, what));
        return true;
    }

    private async Task ActAsync(Guid meetingId, Guid actor, string what, Change change)
    {
        IReadOnlyList<LiveAnnouncement> announcements;
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var transaction = await writeLock.AcquireAsync(db, meetingId);
            var state = await rebuild.LoadAsync(db, meetingId, CancellationToken.None)
                ?? throw new DomainException("session.unknown", "No such meeting.");
            if (!state.Session.IsMember(actor))
            {
                throw new DomainException("session.not-a-member", "Only members holding a seat on the meeting's date take part.");
            }

            announcements = await change(db, state, time.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await notifier.PublishAsync(new SessionChanged(meetingId, what));
        foreach (var announcement in announcements)
        {
            await notifier.PublishAsync(announcement);
        }
    }
}
