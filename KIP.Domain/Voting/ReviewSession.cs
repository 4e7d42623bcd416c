using KIP.Domain.Commission;

namespace KIP.Domain.Voting;

public enum ReviewSessionStatus
{
    Planned,
    Open,
    Closed,
}

/// <summary>
/// A live meeting of the commission with an agenda of applications (rulebook §6). Its members are
/// the holders of a seat on the session's date; one of them chairs it.
/// </summary>
public sealed class ReviewSession
{
    private readonly List<Guid> _members = [];
    private readonly List<Guid> _present = [];
    private readonly List<AgendaItem> _items = [];

    // For EF Core.
    private ReviewSession()
    {
    }

    private ReviewSession(Guid id, DateOnly date, Guid chairPersonId, IEnumerable<Guid> members)
    {
        Id = id;
        Date = date;
        ChairPersonId = chairPersonId;
        _members.AddRange(members.Distinct());
    }

    public Guid Id { get; private set; }

    public DateOnly Date { get; private set; }

    public Guid ChairPersonId { get; private set; }

    public ReviewSessionStatus Status { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The members holding a seat on <see cref="Date"/>.</summary>
    public IReadOnlyCollection<Guid> Members => _members.AsReadOnly();

    public IReadOnlyCollection<Guid> Present => _present.AsReadOnly();

    public IReadOnlyList<AgendaItem> Items => _items.AsReadOnly();

    /// <summary>Plans a session; the members are the seat holders on <paramref name="date"/>.</summary>
    public static ReviewSession Plan(Guid id, DateOnly date, Guid chairPersonId, SeatRegister seats)
    {
        ArgumentNullException.ThrowIfNull(seats);
        return Plan(id, date, chairPersonId, seats.HoldersOn(date).Select(t => t.PersonId));
    }

    public static ReviewSession Plan(Guid id, DateOnly date, Guid chairPersonId, IEnumerable<Guid> memberIds)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        var session = new ReviewSession(id, date, chairPersonId, memberIds);
        if (!session._members.Contains(chairPersonId))
        {
            throw new DomainException("session.chair-not-member", "The chair must hold a seat on the session's date.");
        }

        return session;
    }

    public bool IsMember(Guid personId) => _members.Contains(personId);

    /// <summary>The item on the floor: the first open item of the agenda while the session is open.</summary>
    public AgendaItem? OnTheFloor => Status == ReviewSessionStatus.Open ? _items.Find(i => i.IsOpen) : null;

    /// <summary>Whether the item is on the floor now or was treated already (concluded) in this session.</summary>
    public bool HasComeToTheFloor(Guid itemId)
    {
        var item = Item(itemId);
        return Status != ReviewSessionStatus.Planned && (item == OnTheFloor || !item.IsOpen);
    }

    public bool IsPresent(Guid personId) => _present.Contains(personId);

    public AgendaItem AddItem(Guid applicationId, IEnumerable<CriterionCode> claimedCriteria, Guid? itemId = null)
    {
        ArgumentNullException.ThrowIfNull(claimedCriteria);
        RequireNotClosed();
        if (_items.Exists(i => i.ApplicationId == applicationId))
        {
            throw new DomainException("session.item-duplicate", "The application is already on the agenda.");
        }

        var item = new AgendaItem(itemId ?? Guid.NewGuid(), applicationId, claimedCriteria);
        _items.Add(item);
        return item;
    }

    /// <summary>
    /// §6: the session's chair opens the planned session on its day (<paramref name="heldOn"/>, the Amsterdam date of
    /// <paramref name="at"/>). A session is held on the day it carries (docs/decisions/010-session-day.md): on another
    /// day the chair first moves it there (<see cref="MoveTo"/>), so the record never says one day and means another.
    /// </summary>
    public void Open(Guid byPersonId, DateTimeOffset at, DateOnly heldOn)
    {
        RequireSessionChair(byPersonId, "Only the chair opens the session.");
        if (Status != ReviewSessionStatus.Planned)
        {
            throw new DomainException("session.not-planned", "Only a planned session can be opened.");
        }

        if (heldOn != Date)
        {
            throw new DomainException("session.other-day", $"The session is planned for {Date:yyyy-MM-dd}; move it to {heldOn:yyyy-MM-dd} before opening it.");
        }

        Status = ReviewSessionStatus.Open;
        OpenedAt = at;
    }

    /// <summary>
    /// Moves a planned session to another day (decision 010: the chair confirms this when opening on another day).
    /// Its members become the seat holders on the new day (§6 Quorum counts the seats occupied on the session's
    /// date); the chair must hold a seat then too.
    /// </summary>
    public void MoveTo(DateOnly date, SeatRegister seats)
    {
        ArgumentNullException.ThrowIfNull(seats);
        if (Status != ReviewSessionStatus.Planned)
        {
            throw new DomainException("session.not-planned", "Only a planned session can be moved.");
        }

        var members = seats.HoldersOn(date).Select(t => t.PersonId).Distinct().ToList();
        if (!members.Contains(ChairPersonId))
        {
            throw new DomainException("session.chair-not-member", "The chair must hold a seat on the session's date.");
        }

        Date = date;
        _members.Clear();
        _members.AddRange(members);
    }

    /// <summary>§6 Presence: a member joins the live session.</summary>
    public void Join(Guid personId)
    {
        RequireOpen();
        RequireMember(personId, "session.not-a-member");
        if (!_present.Contains(personId))
        {
            _present.Add(personId);
        }
    }

    public void Leave(Guid personId)
    {
        RequireOpen();
        _present.Remove(personId);
    }

    /// <summary>
    /// §6 Recusal: a member with a conflict of interest on the item, self-declared (<paramref name="byPersonId"/> is
    /// the member) or flagged by the member chairing the item.
    /// </summary>
    public void Recuse(Guid itemId, Guid personId, Guid byPersonId)
    {
        var item = OpenItem(itemId);
        RequireMember(byPersonId, "session.not-a-member");
        if (byPersonId != personId && byPersonId != ActingChairOf(itemId))
        {
            throw new DomainException("item.not-chair", "Only the member chairing the item can flag another member.");
        }

        RequireMember(personId, "session.not-a-member");
        if (item.OpenMotion is not null)
        {
            throw new DomainException("item.motion-open", "Recusal is recorded before the vote opens.");
        }

        item.Recuse(personId);
    }

    /// <summary>
    /// §6 Recusal, self-declared ahead (before the session, on the application): the member is recused for the item
    /// exactly as if they had declared it in the session — no vote, not counted for its quorum. A declaration can be
    /// made or withdrawn only until the item comes to the floor; from then on the recusal stands (and a conflict
    /// that arises later is declared in the session).
    /// </summary>
    public void DeclareConflictAhead(Guid personId, Guid itemId)
    {
        var item = ItemNotYetOnTheFloor(itemId);
        RequireMember(personId, "session.not-a-member");
        item.DeclareAhead(personId);
    }

    /// <summary>§6: a member withdraws a conflict declared ahead, before the item comes to the floor.</summary>
    public void WithdrawConflictAhead(Guid personId, Guid itemId)
    {
        var item = ItemNotYetOnTheFloor(itemId);
        RequireMember(personId, "session.not-a-member");
        item.WithdrawAhead(personId);
    }

    /// <summary>The member chairing the item: the one it was handed to, otherwise the session's chair.</summary>
    public Guid ActingChairOf(Guid itemId) => Item(itemId).ActingChairPersonId ?? ChairPersonId;

    /// <summary>
    /// §6 Chair: the member chairing the item (recused or not, present or not) hands it to another present,
    /// non-recused member, who chairs it.
    /// </summary>
    public void HandOver(Guid itemId, Guid toPersonId, Guid byPersonId)
    {
        var item = OpenItem(itemId);
        RequireMember(byPersonId, "session.not-a-member");
        if (byPersonId != ActingChairOf(itemId))
        {
            throw new DomainException("item.not-chair", "Only the member chairing the item hands it over.");
        }

        if (item.OpenMotion is not null)
        {
            throw new DomainException("item.motion-open", "The chair cannot change while a vote is open.");
        }

        if (!IsMember(toPersonId) || !IsPresent(toPersonId) || item.IsRecused(toPersonId))
        {
            throw new DomainException("item.chair-not-available", "The item can be handed only to a present member who is not recused.");
        }

        item.HandOver(toPersonId);
    }

    /// <summary>§6 Quorum, recounted live from presence.</summary>
    public QuorumState QuorumFor(Guid itemId)
    {
        var item = Item(itemId);
        return Quorum.Compute(_members, _present, item.Recusals);
    }

    /// <summary>§6 Motion: the (acting) chair puts a motion when the item has a quorum.</summary>
    public Motion OpenMotion(
        Guid itemId,
        Guid byPersonId,
        MotionKind kind,
        IEnumerable<CriterionCode>? criteria,
        DateTimeOffset at,
        Guid? motionId = null)
    {
        var item = OpenItem(itemId);
        var quorum = QuorumFor(itemId);
        if (quorum.MustDefer)
        {
            throw new DomainException("item.must-defer", "Every seat is recused: the item must be deferred.");
        }

        RequireActingChair(item, byPersonId);
        if (_items.Exists(i => i.OpenMotion is not null))
        {
            throw new DomainException("session.motion-open", "Another vote is still open.");
        }

        if (!quorum.HasQuorum)
        {
            throw new DomainException("item.no-quorum", "Too few members are present to vote on this item.");
        }

        var named = (criteria ?? []).Distinct().OrderBy(c => c.Order).ToList();
        if (kind == MotionKind.Recognise)
        {
            if (named.Count == 0)
            {
                throw new DomainException("motion.no-criteria", "A motion to recognise names at least one criterion.");
            }

            if (named.Exists(c => !item.ClaimedCriteria.Contains(c)))
            {
                throw new DomainException("motion.criterion-not-claimed", "A motion to recognise names only claimed criteria.");
            }
        }
        else if (named.Count > 0)
        {
            throw new DomainException("motion.reject-with-criteria", "A motion to reject names no criteria.");
        }

        var motion = new Motion(motionId ?? Guid.NewGuid(), item.Id, kind, named, byPersonId, at);
        item.AddMotion(motion);
        return motion;
    }

    /// <summary>§6: present, non-recused members vote while the motion is open; a new vote replaces the earlier one.</summary>
    public void CastVote(Guid motionId, Guid personId, VoteChoice choice, DateTimeOffset at)
    {
        var (item, motion) = FindMotion(motionId);
        if (!motion.IsOpen)
        {
            throw new DomainException("motion.closed", "Voting on this motion is closed.");
        }

        RequireMember(personId, "vote.not-a-member");
        if (item.IsRecused(personId))
        {
            throw new DomainException("vote.recused", "A recused member cannot vote on this item.");
        }

        if (!IsPresent(personId))
        {
            throw new DomainException("vote.not-present", "Only members present in the session can vote.");
        }

        motion.Cast(personId, choice, at);
    }

    /// <summary>§6 While open: the number of votes cast and who has not voted yet, never who voted what.</summary>
    public VotingProgress Progress(Guid motionId)
    {
        var (item, motion) = FindMotion(motionId);
        var notYet = _members
            .Where(m => IsPresent(m) && !item.IsRecused(m) && !motion.HasVoted(m))
            .ToList();
        return new VotingProgress(motion.VotesCast, notYet);
    }

    /// <summary>§6 Outcome: the acting chair closes the vote; the named result is returned and recorded.</summary>
    public MotionResult CloseMotion(Guid motionId, Guid byPersonId, DateTimeOffset at)
    {
        var (item, motion) = FindMotion(motionId);
        if (!motion.IsOpen)
        {
            throw new DomainException("motion.closed", "This vote is already closed.");
        }

        RequireActingChair(item, byPersonId, requirePresence: false);
        var result = motion.Close(byPersonId, at, QuorumFor(item.Id).Required);
        item.Conclude(result.ItemResult);
        return result;
    }

    /// <summary>
    /// Defers an item without a vote. §6: when every seat is recused the item is deferred and
    /// <see cref="AgendaItem.CoordinationMustBeTold"/> is set.
    /// </summary>
    public void DeferItem(Guid itemId)
    {
        var item = OpenItem(itemId);
        if (item.OpenMotion is not null)
        {
            throw new DomainException("item.motion-open", "Close the vote first.");
        }

        item.Conclude(ItemResult.Deferred, QuorumFor(itemId).MustDefer);
    }

    /// <summary>§6: the chair may ask the applicant for more information without a vote.</summary>
    public void RequestMoreInformation(Guid itemId, Guid byPersonId)
    {
        var item = OpenItem(itemId);
        RequireActingChair(item, byPersonId, requirePresence: false);
        if (item.OpenMotion is not null)
        {
            throw new DomainException("item.motion-open", "Close the vote first.");
        }

        item.Conclude(ItemResult.MoreInformationRequested);
    }

    /// <summary>§6: the session's chair closes the session; items still open are deferred. Returns those items.</summary>
    public IReadOnlyList<AgendaItem> Close(Guid byPersonId, DateTimeOffset at)
    {
        RequireSessionChair(byPersonId, "Only the chair closes the session.");
        RequireNotClosed();
        if (_items.Exists(i => i.OpenMotion is not null))
        {
            throw new DomainException("session.motion-open", "Close the open vote before closing the session.");
        }

        var deferred = _items.Where(i => i.IsOpen).ToList();
        foreach (var item in deferred)
        {
            item.Conclude(ItemResult.Deferred, QuorumFor(item.Id).MustDefer);
        }

        _present.Clear();
        Status = ReviewSessionStatus.Closed;
        ClosedAt = at;
        return deferred;
    }

    private AgendaItem Item(Guid itemId) =>
        _items.Find(i => i.Id == itemId) ?? throw new DomainException("item.unknown", "No such agenda item.");

    private AgendaItem ItemNotYetOnTheFloor(Guid itemId)
    {
        RequireNotClosed();
        if (HasComeToTheFloor(itemId))
        {
            throw new DomainException("item.on-the-floor", "The item is on the floor or was treated: declare a conflict in the session.");
        }

        return Item(itemId);
    }

    private AgendaItem OpenItem(Guid itemId)
    {
        RequireOpen();
        var item = Item(itemId);
        if (!item.IsOpen)
        {
            throw new DomainException("item.concluded", "This item has already been concluded.");
        }

        return item;
    }

    private (AgendaItem Item, Motion Motion) FindMotion(Guid motionId)
    {
        foreach (var item in _items)
        {
            var motion = item.Motions.FirstOrDefault(m => m.Id == motionId);
            if (motion is not null)
            {
                return (item, motion);
            }
        }

        throw new DomainException("motion.unknown", "No such motion.");
    }

    private void RequireActingChair(AgendaItem item, Guid personId, bool requirePresence = true)
    {
        var actingChair = item.ActingChairPersonId ?? ChairPersonId;
        if (personId != actingChair)
        {
            throw new DomainException("item.not-chair", "Only the member chairing the item can do this.");
        }

        if (item.IsRecused(actingChair) || (requirePresence && !IsPresent(actingChair)))
        {
            throw new DomainException("item.chair-not-available", "The chair is recused or absent: hand the item to another present member.");
        }
    }

    private void RequireSessionChair(Guid personId, string message)
    {
        RequireMember(personId, "session.not-a-member");
        if (personId != ChairPersonId)
        {
            throw new DomainException("item.not-chair", message);
        }
    }

    private void RequireMember(Guid personId, string code)
    {
        if (!IsMember(personId))
        {
            throw new DomainException(code, "Only members holding a seat on the session's date take part.");
        }
    }

    private void RequireOpen()
    {
        if (Status != ReviewSessionStatus.Open)
        {
            throw new DomainException("session.not-open", "The session is not open.");
        }
    }

    private void RequireNotClosed()
    {
        if (Status == ReviewSessionStatus.Closed)
        {
            throw new DomainException("session.closed", "The session is closed.");
        }
    }
}
