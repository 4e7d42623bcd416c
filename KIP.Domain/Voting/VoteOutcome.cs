namespace KIP.Domain.Voting;

/// <summary>The outcome of a closed motion (rulebook §6).</summary>
public enum VoteOutcome
{
    /// <summary>At least a quorum voted and for &gt; against: the decision takes effect.</summary>
    Adopted,

    /// <summary>At least a quorum voted and against &gt; for.</summary>
    VotedDown,

    /// <summary>A tie or too few votes: the item goes to a later session [choice].</summary>
    Deferred,
}

/// <summary>Why a motion was deferred (rulebook §6 Outcome, two [choice] points that both defer).</summary>
public enum DeferralReason
{
    /// <summary>For and against were equal.</summary>
    Tie,

    /// <summary>Fewer members voted (abstentions included) than the quorum required.</summary>
    TooFewVotes,
}
