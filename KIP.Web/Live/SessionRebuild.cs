using KIP.Domain.Commission;
using KIP.Domain.Voting;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// Rebuilds the domain's <see cref="ReviewSession"/> from the database: the plan, the agenda, then the stored record
/// replayed in time order, and today's presence. Commands act on it; view queries read it.
/// </summary>
public sealed class SessionRebuild(PresenceTracker presence)
{
    public async Task<SessionState?> LoadAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var meeting = await db.Meetings.Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return null;
        }

        var seats = new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken));
        var entries = meeting.Agenda.OrderBy(a => a.Position).ToList();
        var entryIds = entries.Select(e => e.Id).ToList();
        var applicationIds = entries.Select(e => e.ApplicationId).ToList();
        var applications = await db.Applications.Where(a => applicationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var recusals = await db.Set<RecusalRecord>().AsNoTracking().Where(r => entryIds.Contains(r.AgendaEntryId)).ToListAsync(cancellationToken);
        var handOvers = await db.Set<HandOverRecord>().AsNoTracking().Where(h => entryIds.Contains(h.AgendaEntryId)).ToListAsync(cancellationToken);
        var motions = await db.Motions.AsNoTracking().Where(m => entryIds.Contains(m.AgendaEntryId)).ToListAsync(cancellationToken);
        var motionIds = motions.Select(m => m.Id).ToList();
        var votes = await db.Votes.AsNoTracking().Where(v => motionIds.Contains(v.MotionId)).ToListAsync(cancellationToken);

        var session = ReviewSession.Plan(meeting.Id, meeting.Date, meeting.ChairPersonId, seats);
        foreach (var entry in entries)
        {
            session.AddItem(entry.ApplicationId, applications[entry.ApplicationId].ClaimedCriteria, entry.Id);
        }

        var declared = await DeclaredAheadAsync(db, meeting, entries, session, motions, votes, cancellationToken);
        foreach (var conflict in declared)
        {
            session.DeclareConflictAhead(conflict.PersonId, entries.First(e => e.ApplicationId == conflict.ApplicationId).Id);
        }

        if (meeting.Status != MeetingStatus.Planned)
        {
            IReadOnlyCollection<Guid> present = meeting.Status == MeetingStatus.Closed ? [] : await presence.PresentAtAsync(meeting.Id);
            Replay(session, meeting, entries, recusals, handOvers, motions, votes, present);
        }

        return new SessionState(meeting, session, applications, recusals, motions, votes, declared);
    }

    private static void Replay(
        ReviewSession session, Meeting meeting, IReadOnlyList<AgendaEntry> entries, IReadOnlyList<RecusalRecord> recusals,
        IReadOnlyList<HandOverRecord> handOvers, IReadOnlyList<MotionRecord> motions, IReadOnlyList<VoteRecord> votes,
        IReadOnlyCollection<Guid> present)
    {
        // Opened on its day when it was written (or before decision 010 on another): replayed on the day it carries.
        session.Open(meeting.ChairPersonId, meeting.OpenedAt ?? DateTimeOffset.MinValue, session.Date);

        // The record was valid when written; replay it with everyone present, then set today's presence.
        foreach (var member in session.Members.ToList())
        {
            session.Join(member);
        }

        var events = new List<(DateTimeOffset At, int Order, Action Apply)>();
        events.AddRange(recusals.Select(r => (r.At, 0, (Action)(() => session.Recuse(r.AgendaEntryId, r.PersonId, r.RecordedBy)))));
        events.AddRange(handOvers.Select(h => (h.At, 1, (Action)(() => session.HandOver(h.AgendaEntryId, h.ToPersonId, h.By)))));
        events.AddRange(motions.Select(m => (m.OpenedAt, 2, (Action)(() =>
            session.OpenMotion(m.AgendaEntryId, m.OpenedBy, Enum.Parse<MotionKind>(m.Kind), m.Criteria, m.OpenedAt, m.Id)))));
        events.AddRange(votes.Select(v => (v.CastAt, 3, (Action)(() =>
            session.CastVote(v.MotionId, v.PersonId, Enum.Parse<VoteChoice>(v.Choice), v.CastAt)))));
        events.AddRange(motions.Where(m => m.ClosedAt is not null).Select(m => (m.ClosedAt!.Value, 4, (Action)(() =>
            session.CloseMotion(m.Id, m.ClosedBy!.Value, m.ClosedAt!.Value)))));
        foreach (var (_, _, apply) in events.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            apply();
        }

        foreach (var entry in entries)
        {
            var item = session.Items.First(i => i.Id == entry.Id);
            if (!item.IsOpen || item.OpenMotion is not null)
            {
                continue;
            }

            if (entry.Result == nameof(ItemResult.MoreInformationRequested))
            {
                session.RequestMoreInformation(entry.Id, session.ActingChairOf(entry.Id));
            }
            else if (entry.Result == nameof(ItemResult.Deferred) && meeting.Status != MeetingStatus.Closed)
            {
                session.DeferItem(entry.Id);
            }
        }

        if (meeting.Status == MeetingStatus.Closed)
        {
            session.Close(meeting.ChairPersonId, meeting.ClosedAt ?? DateTimeOffset.MinValue);
            return;
        }

        foreach (var member in session.Members.Where(m => !present.Contains(m)).ToList())
        {
            session.Leave(member);
        }
    }

    /// <summary>
    /// The conflicts members declared ahead on /commissie for applications on this agenda (rulebook §6 Recusal): the
    /// domain recuses them when the item comes to the floor. Declarations made after the meeting closed belong to a
    /// later meeting; one whose author already voted on the item (stored before declarations counted) is left out so
    /// that the stored record still replays.
    /// </summary>
    private static async Task<IReadOnlyList<ConflictOfInterest>> DeclaredAheadAsync(
        KipDbContext db, Meeting meeting, IReadOnlyList<AgendaEntry> entries, ReviewSession session,
        IReadOnlyList<MotionRecord> motions, IReadOnlyList<VoteRecord> votes, CancellationToken cancellationToken)
    {
        var applicationIds = entries.Select(e => e.ApplicationId).ToList();
        var conflicts = await db.ConflictsOfInterest.AsNoTracking().Where(c => applicationIds.Contains(c.ApplicationId)).ToListAsync(cancellationToken);
        return [.. conflicts
            .Where(c => session.IsMember(c.PersonId) && (meeting.ClosedAt is null || c.DeclaredAt < meeting.ClosedAt))
            .Where(c =>
            {
                var itemId = entries.First(e => e.ApplicationId == c.ApplicationId).Id;
                var itemMotions = motions.Where(m => m.AgendaEntryId == itemId).Select(m => m.Id).ToHashSet();
                return !votes.Any(v => v.PersonId == c.PersonId && itemMotions.Contains(v.MotionId));
            })
            .OrderBy(c => c.DeclaredAt)];
    }
}
