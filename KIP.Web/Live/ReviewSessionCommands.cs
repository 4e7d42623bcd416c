using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Domain.Voting;
using KIP.Web.Actions;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// What members and the chair do in a live review session. Each command runs through <see cref="SessionActions"/>
/// (write lock, rebuild, seat check, save, announce), asks KIP.Domain's <see cref="ReviewSession"/> — which holds
/// every rule — and stores the change. Who acts is the signed-in person's id, whatever a screen sends. Each answers
/// with an <see cref="ActionResult"/>: done, or KIP.Domain's refusal.
/// </summary>
public sealed class ReviewSessionCommands
{
    private readonly SessionActions _actions;
    private readonly PresenceTracker _presence;
    private readonly TimeProvider _time;

    /// <param name="attendance">Resolved with the commands so that stays are recorded from the first session screen on.</param>
    public ReviewSessionCommands(SessionActions actions, PresenceTracker presence, AttendanceRecorder attendance, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(attendance);
        _actions = actions;
        _presence = presence;
        _time = time;
    }

    /// <summary>
    /// The chair opens the session. On another day than planned KIP.Domain refuses unless the chair confirmed moving
    /// the meeting to today (<paramref name="moveToToday"/>, docs/decisions/010-session-day.md); the move is audited.
    /// </summary>
    public Task<ActionResult> OpenAsync(Guid meetingId, Guid actor, bool moveToToday = false) =>
        _actions.RunAsync(meetingId, actor, "opened", async (db, state, now) =>
        {
            var today = AmsterdamCalendar.DateOf(now);
            if (moveToToday && state.Session.Date != today && state.Session.ChairPersonId == actor)
            {
                var planned = state.Session.Date;
                state.Session.MoveTo(today, new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync()));
                state.Meeting.Date = today;
                db.Record(now, actor, "session.move", meetingId.ToString(), $"{planned:yyyy-MM-dd} -> {today:yyyy-MM-dd}");
            }

            state.Session.Open(actor, now, today);
            state.Meeting.Status = MeetingStatus.Open;
            state.Meeting.OpenedAt = now;
            foreach (var present in (await _presence.PresentAtAsync(meetingId)).Where(state.Session.IsMember))
            {
                db.Set<AttendanceRecord>().Add(new AttendanceRecord { Id = Guid.NewGuid(), MeetingId = meetingId, PersonId = present, JoinedAt = now });
            }

            db.Record(now, actor, "session.open", meetingId.ToString());
            return (IReadOnlyList<LiveAnnouncement>)[];
        });

    /// <summary>A member declares a conflict of interest, or the (acting) chair flags one for a member.</summary>
    public Task<ActionResult> RecuseAsync(Guid meetingId, Guid itemId, Guid personId, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "recusal", (db, state, now) =>
        {
            var already = state.Session.Items.FirstOrDefault(i => i.Id == itemId)?.IsRecused(personId) == true;
            state.Session.Recuse(itemId, personId, actor);
            if (!already)
            {
                db.Set<RecusalRecord>().Add(new RecusalRecord { Id = Guid.NewGuid(), AgendaEntryId = itemId, PersonId = personId, RecordedBy = actor, At = now });
                db.Record(now, actor, "session.recuse", itemId.ToString(), personId.ToString());
            }

            return [];
        });

    public Task<ActionResult> HandOverAsync(Guid meetingId, Guid itemId, Guid toPersonId, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "hand-over", (db, state, now) =>
        {
            state.Session.HandOver(itemId, toPersonId, actor);
            db.Set<HandOverRecord>().Add(new HandOverRecord { Id = Guid.NewGuid(), AgendaEntryId = itemId, ToPersonId = toPersonId, By = actor, At = now });
            db.Record(now, actor, "session.hand-over", itemId.ToString(), toPersonId.ToString());
            return [];
        });

    /// <summary>The (acting) chair puts a motion on the item on the floor; done with the new motion's id.</summary>
    public async Task<ActionResult<Guid>> OpenMotionAsync(Guid meetingId, Guid itemId, MotionKind kind, IReadOnlyCollection<CriterionCode> criteria, Guid actor)
    {
        var motionId = Guid.NewGuid();
        var result = await _actions.RunAsync(meetingId, actor, "motion", (db, state, now) =>
        {
            var motion = state.Session.OpenMotion(itemId, actor, kind, criteria, now, motionId);
            db.Motions.Add(new MotionRecord
            {
                Id = motionId,
                AgendaEntryId = itemId,
                Kind = kind.ToString(),
                Criteria = [.. motion.Criteria],
                OpenedBy = actor,
                OpenedAt = now,
                RequiredQuorum = state.Session.QuorumFor(itemId).Required,
            });
            db.Record(now, actor, "session.motion-open", motionId.ToString(), kind.ToString());
            return [];
        });
        return result.Succeeded ? ActionResult.DoneWith(motionId) : result.As<Guid>();
    }

    /// <summary>A present, non-recused member votes; a later vote replaces the earlier one while the vote is open.</summary>
    /// <remarks>
    /// Most votes are stored from a small read (<see cref="QuickVote"/>); the rest, and every refusal, go through the
    /// rebuilt session.
    /// </remarks>
    public async Task<ActionResult> CastVoteAsync(Guid meetingId, Guid motionId, VoteChoice choice, Guid actor)
    {
        var stored = false;
        var quick = await ServiceCall.RunAsync(async () => stored = await _actions.TryAsync(
            meetingId, "vote", (db, now) => QuickVote.TryAsync(db, _presence, meetingId, motionId, actor, choice, now)));
        return !quick.Succeeded || stored ? quick : await CastVoteRebuiltAsync(meetingId, motionId, choice, actor);
    }

    private Task<ActionResult> CastVoteRebuiltAsync(Guid meetingId, Guid motionId, VoteChoice choice, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "vote", async (db, state, now) =>
        {
            state.Session.CastVote(motionId, actor, choice, now);
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
            return [];
        });

    /// <summary>
    /// The (acting) chair closes the vote with the motivation of the decision. KIP.Domain's
    /// <see cref="DecisionConsequences"/> gives the outcome and its effect on the application and the organisation;
    /// they and the decision record are stored in one transaction. <paramref name="validUntil"/> gives the
    /// valid-until date of accepted criteria that need one (PSO 30+, B Corp).
    /// </summary>
    public Task<ActionResult> CloseMotionAsync(Guid meetingId, Guid motionId, string motivation, IReadOnlyDictionary<CriterionCode, DateOnly>? validUntil, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "motion-closed", async (db, state, now) =>
        {
            var record = await db.Motions.SingleOrDefaultAsync(m => m.Id == motionId)
                ?? throw new DomainException("motion.unknown", "No such motion.");
            var entry = state.Meeting.Agenda.Single(a => a.Id == record.AgendaEntryId);
            var application = state.Applications[entry.ApplicationId];
            var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
            var decisionId = Guid.NewGuid();
            var today = AmsterdamCalendar.Today(_time);
            var consequences = DecisionConsequences.CloseVote(
                state.Session, motionId, actor, now, motivation, validUntil, application, organisation, today, decisionId);
            var vote = consequences.Vote;
            record.ClosedAt = now;
            record.ClosedBy = actor;
            record.RequiredQuorum = vote.RequiredQuorum;
            record.Outcome = vote.Outcome.ToString();
            entry.Result = vote.ItemResult == ItemResult.StillOpenForAnotherMotion ? null : vote.ItemResult.ToString();
            db.Record(now, actor, "session.motion-close", motionId.ToString(), $"{vote.Outcome} {vote.For}-{vote.Against}-{vote.Abstain}");
            if (consequences.Outcome is not { } outcome)
            {
                return [];
            }

            db.Decisions.Add(new DecisionRecord
            {
                Id = decisionId,
                Kind = DecisionKind.Voted,
                OrganisationId = application.OrganisationId,
                ApplicationId = application.Id,
                MeetingId = state.Meeting.Id,
                MotionId = motionId,
                Outcome = outcome.Code(),
                AcceptedCriteria = [.. consequences.Accepted.Select(a => a.Code)],
                Motivation = consequences.Motivation.Text,
                DecidedOn = today,
                RecordedAt = now,
                RecordedBy = actor,
                Recusals = [.. state.Session.Items.First(i => i.Id == entry.Id).Recusals.Select(r => r.ToString())],
            });
            return [new ApplicationChanged(application.Id)];
        });

    /// <summary>The (acting) chair asks the applicant for more information instead of a vote.</summary>
    public Task<ActionResult> RequestMoreInformationAsync(Guid meetingId, Guid itemId, string question, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "item", (db, state, now) =>
        {
            state.Session.RequestMoreInformation(itemId, actor);
            var entry = state.Meeting.Agenda.Single(a => a.Id == itemId);
            entry.Result = ItemResult.MoreInformationRequested.ToString();
            state.Applications[entry.ApplicationId].RequestMoreInformation(question, now);
            db.Record(now, actor, "session.more-information", itemId.ToString());
            return [new ApplicationChanged(entry.ApplicationId)];
        });

    /// <summary>The chair closes the session: open items are deferred (stay InReview, proposed first next time).</summary>
    public Task<ActionResult> CloseAsync(Guid meetingId, Guid actor) =>
        _actions.RunAsync(meetingId, actor, "closed", async (db, state, now) =>
        {
            var deferred = state.Session.Close(actor, now);
            var announcements = new List<LiveAnnouncement>();
            foreach (var item in deferred)
            {
                var entry = state.Meeting.Agenda.Single(a => a.Id == item.Id);
                entry.Result = ItemResult.Deferred.ToString();
                state.Applications[entry.ApplicationId].Defer(now);
                announcements.Add(new ApplicationChanged(entry.ApplicationId));
            }

            state.Meeting.Status = MeetingStatus.Closed;
            state.Meeting.ClosedAt = now;
            foreach (var stay in await db.Set<AttendanceRecord>().Where(a => a.MeetingId == meetingId && a.LeftAt == null).ToListAsync())
            {
                stay.LeftAt = now;
            }

            db.Record(now, actor, "session.close", meetingId.ToString(), $"{deferred.Count} deferred");
            return announcements;
        });
}
