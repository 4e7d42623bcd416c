using System.Collections.Concurrent;
using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// What the session screens read: the session rebuilt from the database (<see cref="SessionRebuild"/>), with names,
/// presence, the organisations and decisions, as each viewer may see it. Reads only; commands are
/// <see cref="ReviewSessionCommands"/>.
/// </summary>
public sealed class ReviewSessionQueries(IDbContextFactory<KipDbContext> factory, SessionRebuild rebuild, PresenceTracker presence, TimeProvider time)
{
    /// <summary>How many announcements' shared reads are kept: screens told of one ask within moments of each other.</summary>
    private const int SharedReads = 64;

    // Keyed by the announcement's id, not the object: a copy that crossed Redis (deserialised, another object) is the
    // same announcement. The oldest reads are dropped first.
    private readonly ConcurrentDictionary<Guid, Lazy<Task<SessionSnapshot?>>> _afterChange = new();
    private readonly ConcurrentQueue<Guid> _afterChangeOrder = new();

    public async Task<SessionView?> LoadAsync(Guid meetingId, Guid viewerId, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(meetingId, cancellationToken))?.View(viewerId);

    /// <summary>
    /// The view after an announcement. Every screen told of the same change shares one read of the database —
    /// made after the change was stored, so it is as true as a read of its own — and adds only its own part
    /// (its own vote, whether it is a member). Fifty screens then cost one read, not fifty (bench/README.md). "The same
    /// change" is the same announcement id, so the screens of one server share the read of an announcement from another.
    /// </summary>
    public async Task<SessionView?> LoadAfterAsync(SessionChanged change, Guid viewerId)
    {
        ArgumentNullException.ThrowIfNull(change);
        var candidate = new Lazy<Task<SessionSnapshot?>>(() => SnapshotAsync(change.MeetingId, CancellationToken.None));
        var read = _afterChange.GetOrAdd(change.Id, candidate);
        if (ReferenceEquals(read, candidate))
        {
            _afterChangeOrder.Enqueue(change.Id);
            while (_afterChangeOrder.Count > SharedReads && _afterChangeOrder.TryDequeue(out var oldest))
            {
                _afterChange.TryRemove(oldest, out _);
            }
        }

        var snapshot = await read.Value;
        return snapshot?.View(viewerId);
    }

    /// <summary>Whether the person holds a seat on the meeting's date (who may take part, not merely the role).</summary>
    public async Task<bool> IsMemberAsync(Guid meetingId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
        if (meeting is null)
        {
            return false;
        }

        var seats = new SeatRegister(await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken));
        return seats.HoldersOn(meeting.Date).Any(t => t.PersonId == personId);
    }

    /// <summary>The decision list (besluitenlijst) of a meeting; null when there is no such meeting.</summary>
    public async Task<DecisionListView?> DecisionListAsync(Guid meetingId, Guid viewerId, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(meetingId, cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await DecisionListReader.ReadAsync(db, snapshot, snapshot.View(viewerId), cancellationToken);
    }

    private async Task<SessionSnapshot?> SnapshotAsync(Guid meetingId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var state = await rebuild.LoadAsync(db, meetingId, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var memberIds = state.Session.Members.ToList();
        var names = await db.Persons.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var present = state.Meeting.Status == MeetingStatus.Planned ? await presence.PresentAtAsync(state.Meeting.Id) : state.Session.Present;
        var organisationIds = state.Applications.Values.Select(a => a.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.SocialMission }).ToDictionaryAsync(o => o.Id, o => (o.Name, o.SocialMission), cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.MeetingId == state.Meeting.Id).ToListAsync(cancellationToken);
        return new SessionSnapshot(state, names, present.ToHashSet(), organisations, decisions, await EvidenceValidUntilAsync(db, state, cancellationToken));
    }

    /// <summary>
    /// Per application, the valid-until KIP.Domain gives each claimed criterion over the submitted form (a PSO
    /// certificate's end date, B Corp's), for the chair to confirm when closing a recognise vote.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<CriterionCode, DateOnly>>> EvidenceValidUntilAsync(
        KipDbContext db, SessionState state, CancellationToken cancellationToken)
    {
        var applicationIds = state.Applications.Keys.ToList();
        var organisationIds = state.Applications.Values.Select(a => a.OrganisationId).Distinct().ToList();
        var forms = await db.ApplicationDrafts.AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId))
            .ToDictionaryAsync(d => d.ApplicationId, d => d.StateJson, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var today = AmsterdamCalendar.Today(time);
        return state.Applications.Values.ToDictionary(
            a => a.Id,
            a => (IReadOnlyDictionary<CriterionCode, DateOnly>)ApplicationCheck
                .Evaluate(organisations[a.OrganisationId], forms.GetValueOrDefault(a.Id), today, a.FirstSubmittedOn).Criteria
                .Where(c => c.Met && c.ValidUntil is not null)
                .ToDictionary(c => c.Code, c => c.ValidUntil!.Value));
    }
}
