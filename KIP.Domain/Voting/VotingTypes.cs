namespace KIP.Domain.Voting;

/// <summary>voor / tegen / onthouding (rulebook §6).</summary>
public enum VoteChoice
{
    For,
    Against,
    Abstain,
}

/// <summary>What a motion proposes (rulebook §6).</summary>
public enum MotionKind
{
    /// <summary>Recognise on the basis of a named, non-empty set of claimed criteria.</summary>
    Recognise,
    Reject,
}

/// <summary>What happened to an agenda item, and so to its application (rulebook §6 Outcome).</summary>
public enum ItemResult
{
    /// <summary>A motion to recognise was adopted: the application becomes Recognised.</summary>
    Recognised,

    /// <summary>A motion to reject was adopted, or a motion to recognise voted down: the application becomes Rejected.</summary>
    Rejected,

    /// <summary>A motion to reject was voted down: the item stays open for another motion in this session.</summary>
    StillOpenForAnotherMotion,

    /// <summary>A tie, too few votes, everyone recused or the session closed: the application stays InReview.</summary>
    Deferred,

    /// <summary>The chair asked the applicant for more information without a vote.</summary>
    MoreInformationRequested,
}

/// <summary>One member's vote on a motion, with its time.</summary>
public sealed record Vote(Guid PersonId, VoteChoice Choice, DateTimeOffset At);

/// <summary>What everyone sees while a vote is open: how many voted and who has not — never who voted what.</summary>
public sealed record VotingProgress(int Cast, IReadOnlyList<Guid> NotYetVoted);

/// <summary>The named result of a closed motion, shown to all and recorded.</summary>
public sealed record MotionResult(
    Guid MotionId,
    MotionKind Kind,
    VoteOutcome Outcome,
    ItemResult ItemResult,
    int For,
    int Against,
    int Abstain,
    int RequiredQuorum,
    IReadOnlyList<Vote> Votes);

/// <summary>
/// The quorum of an item (rulebook §6): eligible = seats occupied on the session date and not recused;
/// it may be put to the vote when at least <see cref="Required"/> of them are present.
/// </summary>
public sealed record QuorumState(int Eligible, int Required, int PresentEligible)
{
    public bool HasQuorum => Eligible > 0 && PresentEligible >= Required;

    /// <summary>Every seat is recused: the item must be deferred and the coordination team told.</summary>
    public bool MustDefer => Eligible == 0;
}

public static class Quorum
{
    public static QuorumState Compute(IEnumerable<Guid> members, IEnumerable<Guid> present, IEnumerable<Guid> recused)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(recused);
        var eligible = members.Except(recused).ToHashSet();
        var presentEligible = present.Count(eligible.Contains);
        return new QuorumState(eligible.Count, RecognitionPolicy.RequiredQuorum(eligible.Count), presentEligible);
    }

    /// <summary>
    /// §6 Outcome: counted only when at least <paramref name="requiredQuorum"/> votes were cast
    /// (abstentions included); then for &gt; against adopts, against &gt; for votes down, a tie defers.
    /// </summary>
    public static VoteOutcome Outcome(int votesFor, int votesAgainst, int abstentions, int requiredQuorum)
    {
        if (votesFor + votesAgainst + abstentions < requiredQuorum)
        {
            return RecognitionPolicy.TooFewVotesOutcome;
        }

        return votesFor > votesAgainst ? VoteOutcome.Adopted
            : votesAgainst > votesFor ? VoteOutcome.VotedDown
            : RecognitionPolicy.TieOutcome;
    }

    /// <summary>
    /// §6 Outcome: why a deferred motion was deferred — too few votes (no quorum voted) or a tie of for and
    /// against. The decision list says which; null when the motion was not deferred.
    /// </summary>
    public static DeferralReason? WhyDeferred(int votesFor, int votesAgainst, int abstentions, int requiredQuorum)
    {
        if (Outcome(votesFor, votesAgainst, abstentions, requiredQuorum) != VoteOutcome.Deferred)
        {
            return null;
        }

        return votesFor + votesAgainst + abstentions < requiredQuorum ? DeferralReason.TooFewVotes : DeferralReason.Tie;
    }

    /// <summary>§6: the effect of a motion's outcome on the item and its application.</summary>
    public static ItemResult Effect(MotionKind kind, VoteOutcome outcome) => (kind, outcome) switch
    {
        (_, VoteOutcome.Deferred) => ItemResult.Deferred,
        (MotionKind.Recognise, VoteOutcome.Adopted) => ItemResult.Recognised,
        (MotionKind.Recognise, VoteOutcome.VotedDown) => ItemResult.Rejected,
        (MotionKind.Reject, VoteOutcome.Adopted) => ItemResult.Rejected,
        (MotionKind.Reject, VoteOutcome.VotedDown) => ItemResult.StillOpenForAnotherMotion,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
