using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

public class VoteOutcomeTests
{
    [Theory]
    [InlineData(2, 1, 0, 3, VoteOutcome.Adopted)]
    [InlineData(1, 2, 0, 3, VoteOutcome.VotedDown)]
    [InlineData(1, 1, 1, 3, VoteOutcome.Deferred)]
    [InlineData(0, 0, 3, 3, VoteOutcome.Deferred)]
    [InlineData(2, 0, 0, 3, VoteOutcome.Deferred)]
    [InlineData(1, 0, 2, 3, VoteOutcome.Adopted)]
    [InlineData(2, 0, 0, 2, VoteOutcome.Adopted)]
    public void A_motion_is_counted_only_when_a_quorum_voted_and_a_tie_is_deferred(
        int votesFor, int against, int abstain, int required, VoteOutcome expected) =>
        Assert.Equal(expected, Quorum.Outcome(votesFor, against, abstain, required));

    [Theory]
    [InlineData(MotionKind.Recognise, VoteOutcome.Adopted, ItemResult.Recognised)]
    [InlineData(MotionKind.Recognise, VoteOutcome.VotedDown, ItemResult.Rejected)]
    [InlineData(MotionKind.Reject, VoteOutcome.Adopted, ItemResult.Rejected)]
    [InlineData(MotionKind.Reject, VoteOutcome.VotedDown, ItemResult.StillOpenForAnotherMotion)]
    [InlineData(MotionKind.Recognise, VoteOutcome.Deferred, ItemResult.Deferred)]
    [InlineData(MotionKind.Reject, VoteOutcome.Deferred, ItemResult.Deferred)]
    public void The_outcome_decides_what_happens_to_the_application(MotionKind kind, VoteOutcome outcome, ItemResult result) =>
        Assert.Equal(result, Quorum.Effect(kind, outcome));

    [Theory]
    [InlineData(1, 1, 1, 3, DeferralReason.Tie)]
    [InlineData(0, 0, 3, 3, DeferralReason.Tie)]
    [InlineData(2, 0, 0, 3, DeferralReason.TooFewVotes)]
    [InlineData(1, 1, 0, 3, DeferralReason.TooFewVotes)]
    [InlineData(2, 1, 0, 3, null)]
    [InlineData(1, 2, 0, 3, null)]
    public void A_deferral_says_whether_the_votes_tied_or_too_few_voted(int votesFor, int against, int abstain, int required, DeferralReason? expected) =>
        Assert.Equal(expected, Quorum.WhyDeferred(votesFor, against, abstain, required));
}
