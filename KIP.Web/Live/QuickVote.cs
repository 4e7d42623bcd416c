using KIP.Domain.Voting;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// A vote stored from a small read instead of the rebuilt session: under the meeting's write lock it checks what
/// KIP.Domain's <see cref="ReviewSession.CastVote"/> checks — the motion is open in an open meeting, the voter holds a
/// seat on the meeting's date, is present and is not recused (no recusal, no conflict of interest declared) — and
/// stores or replaces the vote. Anything else (a refusal, a declared conflict, a concluded item) answers false, and the
/// caller takes the full path, where KIP.Domain gives the answer; so this only ever accepts what the domain accepts.
/// </summary>
public static class QuickVote
{
    public static async Task<bool> TryAsync(
        KipDbContext db, PresenceTracker presence, Guid meetingId, Guid motionId, Guid actor, VoteChoice choice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(presence);
        var motion = await db.Motions.AsNoTracking().Where(m => m.Id == motionId && m.ClosedAt == null)
            .Select(m => new { m.AgendaEntryId }).SingleOrDefaultAsync();
        var entry = motion is null ? null : await db.AgendaEntries.AsNoTracking()
            .Where(e => e.Id == motion.AgendaEntryId && e.MeetingId == meetingId && e.Result == null)
            .Select(e => new { e.ApplicationId }).SingleOrDefaultAsync();
        var meeting = entry is null ? null : await db.Meetings.AsNoTracking()
            .Where(m => m.Id == meetingId && m.Status == MeetingStatus.Open).Select(m => new { m.Date }).SingleOrDefaultAsync();
        if (motion is null || entry is null || meeting is null)
        {
            return false;
        }

        var terms = await db.SeatTerms.AsNoTracking().Where(t => t.PersonId == actor).ToListAsync();
        if (!terms.Exists(t => t.HoldsOn(meeting.Date))
            || await db.Set<RecusalRecord>().AnyAsync(r => r.AgendaEntryId == motion.AgendaEntryId && r.PersonId == actor)
            || await db.ConflictsOfInterest.AnyAsync(c => c.ApplicationId == entry.ApplicationId && c.PersonId == actor)
            || !(await presence.PresentAtAsync(meetingId)).Contains(actor))
        {
            return false;
        }

        var existing = await db.Votes.SingleOrDefaultAsync(v => v.MotionId == motionId && v.PersonId == actor);
        if (existing is null)
        {
            db.Votes.Add(new VoteRecord { Id = Guid.NewGuid(), MotionId = motionId, PersonId = actor, Choice = choice.ToString(), CastAt = now });
        }
        else
        {
            existing.Choice = choice.ToString();
            existing.CastAt = now;
        }

        // Who voted, not what: the choice is in the vote record, which no screen reads while the vote is open.
        db.Record(now, actor, "session.vote", motionId.ToString());
        return true;
    }
}
