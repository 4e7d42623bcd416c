using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Data;

namespace KIP.Web.Live;

/// <summary>
/// What a session screen is sent: while a vote is open only the count and who has not voted —
/// never who voted what; named votes only once the vote is closed. The viewer's own vote is theirs to see.
/// </summary>
public sealed record SessionView(
    Guid MeetingId,
    DateOnly Date,
    string? Place,
    MeetingStatus Status,
    Guid ChairPersonId,
    Guid ViewerId,
    bool ViewerIsMember,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<ItemView> Items)
{
    /// <summary>The item on the floor: the first open item of the agenda.</summary>
    public ItemView? OnTheFloor => Status == MeetingStatus.Open ? Items.FirstOrDefault(i => i.IsOpen) : null;

    public string NameOf(Guid personId) => Members.FirstOrDefault(m => m.PersonId == personId)?.Name ?? string.Empty;
}

public sealed record MemberView(Guid PersonId, string Name, bool Present);

public sealed record ItemView(
    Guid Id,
    int Position,
    Guid ApplicationId,
    string OrganisationName,
    string? Mission,
    IReadOnlyList<CriterionCode> ClaimedCriteria,
    ItemResult? Result,
    bool CoordinationMustBeTold,
    Guid ActingChairPersonId,
    IReadOnlyList<Guid> Recused,
    QuorumState Quorum,
    OpenMotionView? OpenMotion,
    IReadOnlyList<ClosedMotionView> ClosedMotions,
    IReadOnlyDictionary<CriterionCode, DateOnly> EvidenceValidUntil,
    IReadOnlyList<Guid> RecusedAhead)
{
    public bool IsOpen => Result is null or ItemResult.StillOpenForAnotherMotion;
}

public sealed record OpenMotionView(
    Guid Id,
    MotionKind Kind,
    IReadOnlyList<CriterionCode> Criteria,
    DateTimeOffset OpenedAt,
    int Cast,
    IReadOnlyList<Guid> NotYetVoted,
    VoteChoice? MyVote);

public sealed record ClosedMotionView(
    Guid Id,
    MotionKind Kind,
    IReadOnlyList<CriterionCode> Criteria,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt,
    VoteOutcome Outcome,
    ItemResult ItemResult,
    int For,
    int Against,
    int Abstain,
    int RequiredQuorum,
    IReadOnlyList<Vote> Votes,
    string? Motivation)
{
    /// <summary>Why KIP.Domain deferred it (a tie, or too few votes), for the record to say which; null when not deferred.</summary>
    public DeferralReason? WhyDeferred => Outcome == VoteOutcome.Deferred ? Quorum.WhyDeferred(For, Against, Abstain, RequiredQuorum) : null;
}

/// <summary>The decision list (besluitenlijst) of a meeting: from the database, with named votes only of closed motions.</summary>
public sealed record DecisionListView(
    SessionView Session,
    DateOnly HeldOn,
    IReadOnlyList<AttendanceView> Attendance,
    IReadOnlyList<RecusalView> Recusals,
    IReadOnlyList<DecisionView> Decisions);

/// <summary>A member's attendance, merged over their screens and reconnects: first arrival, last leave (null: still present), absences.</summary>
public sealed record AttendanceView(Guid PersonId, string Name, DateTimeOffset From, DateTimeOffset? Until, IReadOnlyList<Absence> Absences);

/// <summary>A recusal on the decision list; <paramref name="DeclaredAhead"/>: declared before the item came to the floor (rulebook §6).</summary>
public sealed record RecusalView(Guid ItemId, string OrganisationName, string Name, DateTimeOffset At, bool DeclaredAhead = false);

public sealed record DecisionView(
    Guid ItemId,
    string OrganisationName,
    string Outcome,
    IReadOnlyList<CriterionCode> AcceptedCriteria,
    string Motivation,
    DateOnly DecidedOn,
    IReadOnlyList<AcceptedView> Accepted);

/// <summary>A criterion a decision accepted, with its last valid day (null: open-ended), as stored on the organisation.</summary>
public sealed record AcceptedView(CriterionCode Code, DateOnly? ValidUntil);
