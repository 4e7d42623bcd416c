namespace KIP.Domain.Voting;

/// <summary>A motion on an agenda item (rulebook §6); one vote per member per motion.</summary>
public sealed class Motion
{
    private readonly List<CriterionCode> _criteria = [];
    private readonly List<Vote> _votes = [];

    // For EF Core.
    private Motion()
    {
    }

    internal Motion(Guid id, Guid itemId, MotionKind kind, IEnumerable<CriterionCode> criteria, Guid openedBy, DateTimeOffset openedAt)
    {
        Id = id;
        ItemId = itemId;
        Kind = kind;
        _criteria.AddRange(criteria);
        OpenedBy = openedBy;
        OpenedAt = openedAt;
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public MotionKind Kind { get; private set; }

    /// <summary>For a motion to recognise: the criteria it would accept.</summary>
    public IReadOnlyList<CriterionCode> Criteria => _criteria.AsReadOnly();

    public Guid OpenedBy { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Guid? ClosedBy { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public int? RequiredQuorum { get; private set; }

    public VoteOutcome? Outcome { get; private set; }

    public int VotesCast => _votes.Count;

    /// <summary>§6: who voted what, only after the close; refused while voting is open.</summary>
    public IReadOnlyList<Vote> NamedVotes() =>
        IsOpen
            ? throw new DomainException("motion.still-open", "Named votes are shown only after the vote is closed.")
            : _votes.AsReadOnly();

    internal bool HasVoted(Guid personId) => _votes.Exists(v => v.PersonId == personId);

    /// <summary>Changing a vote while open replaces it: one vote per member per motion.</summary>
    internal void Cast(Guid personId, VoteChoice choice, DateTimeOffset at)
    {
        _votes.RemoveAll(v => v.PersonId == personId);
        _votes.Add(new Vote(personId, choice, at));
    }

    internal MotionResult Close(Guid closedBy, DateTimeOffset at, int requiredQuorum)
    {
        var votesFor = _votes.Count(v => v.Choice == VoteChoice.For);
        var against = _votes.Count(v => v.Choice == VoteChoice.Against);
        var abstain = _votes.Count(v => v.Choice == VoteChoice.Abstain);
        var outcome = Quorum.Outcome(votesFor, against, abstain, requiredQuorum);
        ClosedAt = at;
        ClosedBy = closedBy;
        RequiredQuorum = requiredQuorum;
        Outcome = outcome;
        return new MotionResult(Id, Kind, outcome, Quorum.Effect(Kind, outcome), votesFor, against, abstain, requiredQuorum, [.. _votes]);
    }
}
