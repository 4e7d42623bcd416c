using System.Runtime.CompilerServices;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Commission;
using KIP.Domain.Organisations;
using KIP.Domain.Voting;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// The live review session. Every action loads the meeting and its record from the database,
/// rebuilds <see cref="ReviewSession"/> (which holds every rule), applies the action, stores the change in one
/// transaction and only then announces what changed. Who acts is the signed-in person's id, checked here against
/// the seats held on the meeting's date, whatever a screen sends. Refusals are <see cref="DomainException"/>s.
/// </summary>
public sealed class ReviewSessionService
{
    private readonly IDbContextFactory<KipDbContext> _factory;
    private readonly ISessionNotifier _notifier;
    private readonly PresenceTracker _presence;
    private readonly TimeProvider _time;

    // Keyed by the announcement object itself (not its value): one shared read per announcement, dropped with it.
    private readonly ConditionalWeakTable<LiveAnnouncement, Lazy<Task<Snapshot?>>> _afterChange = new();

    public ReviewSessionService(IDbContextFactory<KipDbContext> factory, ISessionNotifier notifier, PresenceTracker presence, TimeProvider time)
    {
        _factory = factory;
        _notifier = notifier;
        _presence = presence;
        _time = time;
        presence.Changed += RecordAttendanceAsync;
    }

    public async Task<SessionView?> LoadAsync(Guid meetingId, Guid viewerId, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadSnapshotAsync(meetingId, cancellationToken);
        return snapshot is null ? null : View(snapshot, viewerId);
    }

    /// <summary>
    /// The view after an announcement. Every screen told of the same change shares one read of the database —
    /// made after the change was stored, so it is as true as a read of its own — and adds only its own part
    /// (its own vote, whether it is a member). Fifty screens then cost one read, not fifty (bench/README.md).
    /// </summary>
    public async Task<SessionView?> LoadAfterAsync(SessionChanged change, Guid viewerId)
    {
        ArgumentNullException.ThrowIfNull(change);
        var snapshot = await _afterChange.GetValue(change, c => new Lazy<Task<Snapshot?>>(() => LoadSnapshotAsync(((SessionChanged)c).MeetingId, CancellationToken.None))).Value;
        return snapshot is null ? null : View(snapshot, viewerId);
    }

    /// <summary>Whether the person holds a seat on the meeting's date (who may take part, not merely the role).</summary>
    public async Task<bool> IsMemberAsync(Guid meetingId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        var seats = new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken));
        return seats.HoldersOn(meeting.Date).Any(t => t.PersonId == personId);
    }

    /// <summary>
    /// The chair opens the session. On another day than planned KIP.Domain refuses unless the chair confirmed moving
    /// the meeting to today (<paramref name="moveToToday"/>, docs/decisions/010-session-day.md); the move is audited.
    /// </summary>
    public Task OpenAsync(Guid meetingId, Guid actor, bool moveToToday = false) =>
        ActAsync(meetingId, actor, "opened", async (db, state, now) =>
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
            foreach (var present in _presence.PresentAt(meetingId).Where(state.Session.IsMember))
            {
                db.Set<AttendanceRecord>().Add(new AttendanceRecord { Id = Guid.NewGuid(), MeetingId = meetingId, PersonId = present, JoinedAt = now });
            }

            db.Record(now, actor, "session.open", meetingId.ToString());
            return (IReadOnlyList<LiveAnnouncement>)[];
        });

    /// <summary>A member declares a conflict of interest, or the (acting) chair flags one for a member.</summary>
    public Task RecuseAsync(Guid meetingId, Guid itemId, Guid personId, Guid actor) =>
        ActAsync(meetingId, actor, "recusal", (db, state, now) =>
        {
            var already = state.Session.Items.FirstOrDefault(i => i.Id == itemId)?.IsRecused(personId) == true;
            state.Session.Recuse(itemId, personId, actor);
            if (already)
            {
                return [];
            }

            db.Set<RecusalRecord>().Add(new RecusalRecord { Id = Guid.NewGuid(), AgendaEntryId = itemId, PersonId = personId, RecordedBy = actor, At = now });
            db.Record(now, actor, "session.recuse", itemId.ToString(), personId.ToString());
            return [];
        });

    public Task HandOverAsync(Guid meetingId, Guid itemId, Guid toPersonId, Guid actor) =>
        ActAsync(meetingId, actor, "hand-over", (db, state, now) =>
        {
            state.Session.HandOver(itemId, toPersonId, actor);
            db.Set<HandOverRecord>().Add(new HandOverRecord { Id = Guid.NewGuid(), AgendaEntryId = itemId, ToPersonId = toPersonId, By = actor, At = now });
            db.Record(now, actor, "session.hand-over", itemId.ToString(), toPersonId.ToString());
            return [];
        });

    public async Task<Guid> OpenMotionAsync(Guid meetingId, Guid itemId, MotionKind kind, IReadOnlyCollection<CriterionCode> criteria, Guid actor)
    {
        var motionId = Guid.NewGuid();
        await ActAsync(meetingId, actor, "motion", (db, state, now) =>
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
        return motionId;
    }

    /// <summary>A present, non-recused member votes; a later vote replaces the earlier one while the vote is open.</summary>
    public Task CastVoteAsync(Guid meetingId, Guid motionId, VoteChoice choice, Guid actor) =>
        ActAsync(meetingId, actor, "vote", async (db, state, now) =>
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
    /// The (acting) chair closes the vote with the motivation of the decision. The outcome from KIP.Domain, the
    /// decision, the application's status and the organisation's recognition are stored in one transaction.
    /// <paramref name="validUntil"/> gives the valid-until date of accepted criteria that need one (PSO 30+, B Corp).
    /// </summary>
    public Task CloseMotionAsync(Guid meetingId, Guid motionId, string motivation, IReadOnlyDictionary<CriterionCode, DateOnly>? validUntil, Guid actor) =>
        ActAsync(meetingId, actor, "motion-closed", async (db, state, now) =>
        {
            if (string.IsNullOrWhiteSpace(motivation))
            {
                throw new DomainException("decision.motivation-required", "A decision needs a written motivation.");
            }

            var record = await db.Motions.SingleOrDefaultAsync(m => m.Id == motionId)
                ?? throw new DomainException("motion.unknown", "No such motion.");
            var entry = state.Meeting.Agenda.Single(a => a.Id == record.AgendaEntryId);
            var until = new Dictionary<CriterionCode, DateOnly?>();
            foreach (var code in record.Criteria)
            {
                if (!RecognitionPolicy.NeedsValidUntilFromEvidence(code))
                {
                    until[code] = null;
                }
                else if (validUntil is not null && validUntil.TryGetValue(code, out var date))
                {
                    until[code] = date;
                }
                else
                {
                    throw new DomainException("decision.valid-until-required", $"Criterion {code} needs a valid-until date.");
                }
            }

            var result = state.Session.CloseMotion(motionId, actor, now);
            record.ClosedAt = now;
            record.ClosedBy = actor;
            record.RequiredQuorum = result.RequiredQuorum;
            record.Outcome = result.Outcome.ToString();
            entry.Result = result.ItemResult == ItemResult.StillOpenForAnotherMotion ? null : result.ItemResult.ToString();
            db.Record(now, actor, "session.motion-close", motionId.ToString(), $"{result.Outcome} {result.For}-{result.Against}-{result.Abstain}");

            var application = state.Applications[entry.ApplicationId];
            var today = AmsterdamCalendar.Today(_time);
            var item = state.Session.Items.First(i => i.Id == entry.Id);
            var decision = new DecisionRecord
            {
                Id = Guid.NewGuid(),
                Kind = DecisionKind.Voted,
                OrganisationId = application.OrganisationId,
                ApplicationId = application.Id,
                MeetingId = state.Meeting.Id,
                MotionId = motionId,
                Outcome = "deferred",
                Motivation = motivation.Trim(),
                DecidedOn = today,
                RecordedAt = now,
                RecordedBy = actor,
                Recusals = [.. item.Recusals.Select(r => r.ToString())],
            };
            switch (result.ItemResult)
            {
                case ItemResult.Recognised:
                    var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId);
                    application.Recognise(record.Criteria, decision.Motivation, now);
                    foreach (var code in record.Criteria)
                    {
                        organisation.Accept(code, today, until[code], decision.Id);
                    }

                    decision.Outcome = "recognised";
                    decision.AcceptedCriteria = [.. record.Criteria];
                    break;
                case ItemResult.Rejected:
                    application.Reject(decision.Motivation, now);
                    decision.Outcome = "rejected";
                    break;
                case ItemResult.Deferred:
                    application.Defer(now);
                    break;
                default:
                    // A motion to reject voted down: no decision yet, the item stays open for another motion.
                    return [];
            }

            db.Decisions.Add(decision);
            return [new ApplicationChanged(application.Id)];
        });

    /// <summary>The (acting) chair asks the applicant for more information instead of a vote.</summary>
    public Task RequestMoreInformationAsync(Guid meetingId, Guid itemId, string question, Guid actor) =>
        ActAsync(meetingId, actor, "item", (db, state, now) =>
        {
            if (string.IsNullOrWhiteSpace(question))
            {
                throw new DomainException("item.question-required", "A request for more information needs a question.");
            }

            state.Session.RequestMoreInformation(itemId, actor);
            var entry = state.Meeting.Agenda.Single(a => a.Id == itemId);
            entry.Result = ItemResult.MoreInformationRequested.ToString();
            state.Applications[entry.ApplicationId].RequestMoreInformation(question, now);
            db.Record(now, actor, "session.more-information", itemId.ToString());
            return [new ApplicationChanged(entry.ApplicationId)];
        });

    /// <summary>The chair closes the session: open items are deferred (stay InReview, proposed first next time).</summary>
    public Task CloseAsync(Guid meetingId, Guid actor) =>
        ActAsync(meetingId, actor, "closed", async (db, state, now) =>
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

    public async Task<DecisionListView?> DecisionListAsync(Guid meetingId, Guid viewerId, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadSnapshotAsync(meetingId, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var state = snapshot.State;
        var view = View(snapshot, viewerId);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var stays = await db.Set<AttendanceRecord>().AsNoTracking().Where(a => a.MeetingId == meetingId).ToListAsync(cancellationToken);
        var attendance = Attendance.PerMember(stays.Select(a => new PresencePeriod(a.PersonId, a.JoinedAt, a.LeftAt)), state.Meeting.ClosedAt)
            .Select(a => new AttendanceView(a.PersonId, names.GetValueOrDefault(a.PersonId, string.Empty), a.From, a.Until, a.Absences))
            .ToList();
        var items = view.Items.ToDictionary(i => i.Id);
        var recusals = state.Recusals.OrderBy(r => r.At)
            .Select(r => new RecusalView(r.AgendaEntryId, items[r.AgendaEntryId].OrganisationName, names.GetValueOrDefault(r.PersonId, string.Empty), r.At))
            .ToList();
        var ahead = view.Items.SelectMany(i => i.RecusedAhead.Select(p => (Item: i, Person: p, state.DeclaredAhead.First(c => c.ApplicationId == i.ApplicationId && c.PersonId == p).DeclaredAt)));
        recusals.InsertRange(0, ahead.OrderBy(a => a.Item.Position)
            .Select(a => new RecusalView(a.Item.Id, a.Item.OrganisationName, names.GetValueOrDefault(a.Person, string.Empty), a.DeclaredAt, DeclaredAhead: true)));
        var stored = await db.Decisions.AsNoTracking().Where(d => d.MeetingId == meetingId).ToListAsync(cancellationToken);
        var decidedFor = stored.Select(d => d.OrganisationId).Distinct().ToList();
        var accepted = (await db.Organisations.AsNoTracking().Where(o => decidedFor.Contains(o.Id)).ToListAsync(cancellationToken))
            .SelectMany(o => o.AcceptedCriteria)
            .Where(c => c.DecisionId != null)
            .ToLookup(c => c.DecisionId!.Value);
        var decisions = stored
            .OrderBy(d => d.RecordedAt)
            .Select(d =>
            {
                var item = view.Items.First(i => i.ApplicationId == d.ApplicationId);
                return new DecisionView(item.Id, item.OrganisationName, d.Outcome, d.AcceptedCriteria, d.Motivation, d.DecidedOn,
                    [.. accepted[d.Id].OrderBy(c => c.Code.Order).Select(c => new AcceptedView(c.Code, c.ValidUntil))]);
            })
            .ToList();
        // The day it was held: the day it was opened, whatever day it carries (a record from before decision 010).
        var heldOn = state.Meeting.OpenedAt is { } opened ? AmsterdamCalendar.DateOf(opened) : state.Meeting.Date;
        return new DecisionListView(view, heldOn, attendance, recusals, decisions);
    }

    private delegate Task<IReadOnlyList<LiveAnnouncement>> AsyncAction(KipDbContext db, State state, DateTimeOffset now);

    private Task ActAsync(Guid meetingId, Guid actor, string what, Func<KipDbContext, State, DateTimeOffset, IReadOnlyList<LiveAnnouncement>> action) =>
        ActAsync(meetingId, actor, what, (db, state, now) => Task.FromResult(action(db, state, now)));

    /// <summary>
    /// One action: BEGIN IMMEDIATE (SQLite's write lock, so actions on the record are serialised and a vote racing
    /// the close is either counted or refused), rebuild, act, save, commit — and only then announce.
    /// </summary>
    private async Task ActAsync(Guid meetingId, Guid actor, string what, AsyncAction action)
    {
        IReadOnlyList<LiveAnnouncement> announcements;
        await using (var db = await _factory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var state = await LoadStateAsync(db, meetingId, CancellationToken.None)
                ?? throw new DomainException("session.unknown", "No such meeting.");
            if (!state.Session.IsMember(actor))
            {
                throw new DomainException("session.not-a-member", "Only members holding a seat on the meeting's date take part.");
            }

            var now = _time.GetUtcNow();
            announcements = await action(db, state, now);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await _notifier.PublishAsync(new SessionChanged(meetingId, what));
        foreach (var announcement in announcements)
        {
            await _notifier.PublishAsync(announcement);
        }
    }

    private async Task RecordAttendanceAsync(Guid meetingId, Guid personId, bool arrived)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting?.Status != MeetingStatus.Open)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var open = await db.Set<AttendanceRecord>().Where(a => a.MeetingId == meetingId && a.PersonId == personId && a.LeftAt == null).ToListAsync();
        if (arrived && open.Count == 0)
        {
            db.Set<AttendanceRecord>().Add(new AttendanceRecord { Id = Guid.NewGuid(), MeetingId = meetingId, PersonId = personId, JoinedAt = now });
        }
        else if (!arrived)
        {
            open.ForEach(a => a.LeftAt = now);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>What a session view is built from, read once; <see cref="View"/> adds the viewer's own part.</summary>
    private sealed record Snapshot(
        State State,
        IReadOnlyDictionary<Guid, string> Names,
        IReadOnlySet<Guid> Present,
        IReadOnlyDictionary<Guid, (string Name, string? SocialMission)> Organisations,
        IReadOnlyList<DecisionRecord> Decisions,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<CriterionCode, DateOnly>> EvidenceValidUntil);

    private sealed record State(
        Meeting Meeting,
        ReviewSession Session,
        IReadOnlyDictionary<Guid, Application> Applications,
        IReadOnlyList<RecusalRecord> Recusals,
        IReadOnlyList<MotionRecord> Motions,
        IReadOnlyList<VoteRecord> Votes,
        IReadOnlyList<ConflictOfInterest> DeclaredAhead);

    /// <summary>Rebuilds the domain's session from the database: plan, agenda, then the record in time order.</summary>
    private async Task<State?> LoadStateAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
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
            }
            else
            {
                var present = _presence.PresentAt(meeting.Id);
                foreach (var member in session.Members.Where(m => !present.Contains(m)).ToList())
                {
                    session.Leave(member);
                }
            }
        }

        return new State(meeting, session, applications, recusals, motions, votes, declared);
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

    private async Task<Snapshot?> LoadSnapshotAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var state = await LoadStateAsync(db, meetingId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var memberIds = state.Session.Members.ToList();
        var names = await db.Persons.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var present = state.Meeting.Status == MeetingStatus.Planned ? _presence.PresentAt(state.Meeting.Id) : state.Session.Present;
        var organisationIds = state.Applications.Values.Select(a => a.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.SocialMission }).ToDictionaryAsync(o => o.Id, o => (o.Name, o.SocialMission), cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.MeetingId == state.Meeting.Id).ToListAsync(cancellationToken);
        return new Snapshot(state, names, present.ToHashSet(), organisations, decisions, await EvidenceValidUntilAsync(db, state, cancellationToken));
    }

    /// <summary>
    /// Per application, the valid-until KIP.Domain gives each claimed criterion over the submitted form (a PSO
    /// certificate's end date, B Corp's), for the chair to confirm when closing a recognise vote.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<CriterionCode, DateOnly>>> EvidenceValidUntilAsync(
        KipDbContext db, State state, CancellationToken cancellationToken)
    {
        var applicationIds = state.Applications.Keys.ToList();
        var organisationIds = state.Applications.Values.Select(a => a.OrganisationId).Distinct().ToList();
        var forms = await db.ApplicationDrafts.AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId))
            .ToDictionaryAsync(d => d.ApplicationId, d => d.StateJson, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var today = AmsterdamCalendar.Today(_time);
        return state.Applications.Values.ToDictionary(
            a => a.Id,
            a => (IReadOnlyDictionary<CriterionCode, DateOnly>)ApplicationCheck
                .Evaluate(organisations[a.OrganisationId], forms.GetValueOrDefault(a.Id), today, a.FirstSubmittedOn).Criteria
                .Where(c => c.Met && c.ValidUntil is not null)
                .ToDictionary(c => c.Code, c => c.ValidUntil!.Value));
    }

    private static SessionView View(Snapshot snapshot, Guid viewerId)
    {
        var (state, names, present, organisations, decisions, evidenceValidUntil) = snapshot;
        var session = state.Session;
        var members = session.Members
            .Select(id => new MemberView(id, names.GetValueOrDefault(id, string.Empty), present.Contains(id)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        var items = new List<ItemView>();
        foreach (var entry in state.Meeting.Agenda.OrderBy(a => a.Position))
        {
            var item = session.Items.First(i => i.Id == entry.Id);
            var application = state.Applications[entry.ApplicationId];
            var organisation = organisations.TryGetValue(application.OrganisationId, out var o) ? o : ((string Name, string? SocialMission)?)null;
            OpenMotionView? open = null;
            if (item.OpenMotion is { } motion)
            {
                var progress = session.Progress(motion.Id);
                var mine = state.Votes.FirstOrDefault(v => v.MotionId == motion.Id && v.PersonId == viewerId);
                open = new OpenMotionView(motion.Id, motion.Kind, motion.Criteria, motion.OpenedAt, progress.Cast, progress.NotYetVoted,
                    mine is null ? null : Enum.Parse<VoteChoice>(mine.Choice));
            }

            var closed = item.Motions.Where(m => !m.IsOpen).Select(m => new ClosedMotionView(
                m.Id, m.Kind, m.Criteria, m.OpenedAt, m.ClosedAt!.Value, m.Outcome!.Value, Quorum.Effect(m.Kind, m.Outcome!.Value),
                m.NamedVotes().Count(v => v.Choice == VoteChoice.For), m.NamedVotes().Count(v => v.Choice == VoteChoice.Against),
                m.NamedVotes().Count(v => v.Choice == VoteChoice.Abstain), m.RequiredQuorum ?? 0,
                [.. m.NamedVotes().OrderBy(v => names.GetValueOrDefault(v.PersonId), StringComparer.CurrentCulture)],
                decisions.FirstOrDefault(d => d.MotionId == m.Id)?.Motivation)).ToList();
            items.Add(new ItemView(
                entry.Id, entry.Position, entry.ApplicationId, organisation?.Name ?? string.Empty, organisation?.SocialMission,
                item.ClaimedCriteria, item.Result, item.CoordinationMustBeTold, session.ActingChairOf(item.Id), [.. item.Recusals],
                session.QuorumFor(item.Id), open, closed, evidenceValidUntil.GetValueOrDefault(entry.ApplicationId) ?? new Dictionary<CriterionCode, DateOnly>(),
                [.. item.DeclaredAhead]));
        }

        return new SessionView(
            state.Meeting.Id, state.Meeting.Date, state.Meeting.Place, state.Meeting.Status, state.Meeting.ChairPersonId, viewerId,
            session.IsMember(viewerId), members, items);
    }
}
