using KIP.Domain;
using KIP.Domain.Voting;
using static KIP.Domain.Voting.VoteChoice;

namespace KIP.Tests.Domain;

public class ReviewSessionVotingTests
{
    [Fact]
    public void A_motion_to_recognise_adopted_recognises_the_application()
    {
        var fixture = new VotingFixture(5);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, For, For, Against, Abstain);

        var result = fixture.Close(motion);

        Assert.Equal((VoteOutcome.Adopted, ItemResult.Recognised), (result.Outcome, result.ItemResult));
        Assert.Equal((2, 1, 1, 3), (result.For, result.Against, result.Abstain, result.RequiredQuorum));
        Assert.Equal(ItemResult.Recognised, fixture.Item.Result);
        Assert.False(fixture.Item.IsOpen);
    }

    [Fact]
    public void A_tie_is_deferred()
    {
        var fixture = new VotingFixture(5);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, For, Against, Abstain, For, Against);

        var result = fixture.Close(motion);

        Assert.Equal((VoteOutcome.Deferred, ItemResult.Deferred), (result.Outcome, result.ItemResult));
    }

    [Fact]
    public void Too_few_votes_is_deferred()
    {
        var fixture = new VotingFixture(5);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, For, For);

        Assert.Equal(VoteOutcome.Deferred, fixture.Close(motion).Outcome);
    }

    [Fact]
    public void A_recognise_motion_voted_down_rejects_the_application()
    {
        var fixture = new VotingFixture(3);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, Against, Against, For);

        Assert.Equal(ItemResult.Rejected, fixture.Close(motion).ItemResult);
    }

    [Fact]
    public void A_reject_motion_voted_down_leaves_the_item_open_and_a_second_motion_is_voted_afresh()
    {
        var fixture = new VotingFixture(3);
        var first = fixture.OpenReject();
        fixture.Vote(first, Against, Against, For);
        Assert.Equal(ItemResult.StillOpenForAnotherMotion, fixture.Close(first).ItemResult);
        Assert.True(fixture.Item.IsOpen);

        var second = fixture.OpenRecognise();

        var progress = fixture.Session.Progress(second.Id);
        Assert.Equal(0, progress.Cast);
        Assert.Equal(fixture.Members, progress.NotYetVoted);
        fixture.Vote(second, For, For);
        Assert.Equal(ItemResult.Recognised, fixture.Close(second).ItemResult);
        Assert.Equal(2, fixture.Item.Motions.Count);
    }

    [Fact]
    public void A_changed_vote_replaces_the_earlier_one()
    {
        var fixture = new VotingFixture(3);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, Against, Against, For);

        fixture.Session.CastVote(motion.Id, fixture.Members[1], For, VotingFixture.At.AddMinutes(1));
        Assert.Equal(3, fixture.Session.Progress(motion.Id).Cast);
        var result = fixture.Close(motion);

        Assert.Equal((2, 1), (result.For, result.Against));
        Assert.Equal(3, result.Votes.Count);
        Assert.Equal(For, result.Votes.Single(v => v.PersonId == fixture.Members[1]).Choice);
    }

    [Fact]
    public void While_open_only_the_count_and_who_has_not_voted_are_shown()
    {
        var fixture = new VotingFixture(4);
        var motion = fixture.OpenRecognise();
        fixture.Vote(motion, For, Against);

        var progress = fixture.Session.Progress(motion.Id);

        Assert.Equal(2, progress.Cast);
        Assert.Equal(fixture.Members.Skip(2), progress.NotYetVoted);
        Assert.Equal("motion.still-open", Assert.Throws<DomainException>(() => motion.NamedVotes()).Code);
        fixture.Close(motion);
        Assert.Equal(2, motion.NamedVotes().Count);
    }

    [Fact]
    public void A_recused_member_cannot_vote()
    {
        var fixture = new VotingFixture(5);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[4], fixture.Members[4]);
        var motion = fixture.OpenRecognise();

        Assert.Equal("vote.recused", Assert.Throws<DomainException>(() =>
            fixture.Session.CastVote(motion.Id, fixture.Members[4], For, VotingFixture.At)).Code);
        Assert.DoesNotContain(fixture.Members[4], fixture.Session.Progress(motion.Id).NotYetVoted);
    }

    [Fact]
    public void A_non_member_cannot_join_or_vote()
    {
        var fixture = new VotingFixture(3);
        var outsider = Guid.NewGuid();
        var motion = fixture.OpenRecognise();

        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() => fixture.Session.Join(outsider)).Code);
        Assert.Equal("vote.not-a-member", Assert.Throws<DomainException>(() =>
            fixture.Session.CastVote(motion.Id, outsider, For, VotingFixture.At)).Code);
    }

    [Fact]
    public void An_absent_member_cannot_vote()
    {
        var fixture = new VotingFixture(5, present: 3);
        var motion = fixture.OpenRecognise();

        Assert.Equal("vote.not-present", Assert.Throws<DomainException>(() =>
            fixture.Session.CastVote(motion.Id, fixture.Members[4], For, VotingFixture.At)).Code);
    }

    [Fact]
    public void V2_3_1_No_vote_after_the_close()
    {
        var fixture = new VotingFixture(3);
        var motion = fixture.OpenReject();
        fixture.Close(motion);

        Assert.Equal("motion.closed", Assert.Throws<DomainException>(() =>
            fixture.Session.CastVote(motion.Id, fixture.Members[1], For, VotingFixture.At)).Code);
    }

    [Fact]
    public void A_motion_to_recognise_names_only_claimed_criteria_and_at_least_one()
    {
        var fixture = new VotingFixture(3);

        Assert.Equal("motion.criterion-not-claimed", Assert.Throws<DomainException>(() =>
            fixture.Session.OpenMotion(fixture.Item.Id, fixture.Chair, MotionKind.Recognise, [CriterionCode.BCorp], VotingFixture.At)).Code);
        Assert.Equal("motion.no-criteria", Assert.Throws<DomainException>(() =>
            fixture.Session.OpenMotion(fixture.Item.Id, fixture.Chair, MotionKind.Recognise, [], VotingFixture.At)).Code);
    }

    [Fact]
    public void Only_the_chair_puts_a_motion()
    {
        var fixture = new VotingFixture(3);

        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() =>
            fixture.Session.OpenMotion(fixture.Item.Id, fixture.Members[1], MotionKind.Reject, null, VotingFixture.At)).Code);
    }

    [Fact]
    public void A_recused_chair_hands_the_item_to_a_present_member_who_chairs_it()
    {
        var fixture = new VotingFixture(5);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Chair, fixture.Chair);
        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() => fixture.OpenReject()).Code);

        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair);
        var motion = fixture.Session.OpenMotion(fixture.Item.Id, fixture.Members[1], MotionKind.Reject, null, VotingFixture.At);

        Assert.Equal(fixture.Members[1], fixture.Session.ActingChairOf(fixture.Item.Id));
        Assert.Equal("vote.recused", Assert.Throws<DomainException>(() =>
            fixture.Session.CastVote(motion.Id, fixture.Chair, For, VotingFixture.At)).Code);
    }

    [Fact]
    public void An_absent_chair_hands_the_item_over()
    {
        var fixture = new VotingFixture(5);
        fixture.Session.Leave(fixture.Chair);
        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() => fixture.OpenReject()).Code);

        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[2], fixture.Chair);

        Assert.Equal(fixture.Item.Id, fixture.Session.OpenMotion(fixture.Item.Id, fixture.Members[2], MotionKind.Reject, null, VotingFixture.At).ItemId);
    }

    [Fact]
    public void The_item_cannot_be_handed_to_an_absent_or_recused_member()
    {
        var fixture = new VotingFixture(5, present: 4);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[1], fixture.Chair);

        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() => fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair)).Code);
        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() => fixture.Session.HandOver(fixture.Item.Id, fixture.Members[4], fixture.Chair)).Code);
    }

    [Fact]
    public void Items_still_open_when_the_session_closes_are_deferred()
    {
        var fixture = new VotingFixture(3);
        var decided = fixture.Session.AddItem(Guid.NewGuid(), [CriterionCode.NonProfit]);
        var motion = fixture.Session.OpenMotion(decided.Id, fixture.Chair, MotionKind.Reject, null, VotingFixture.At);
        fixture.Vote(motion, For, For);
        fixture.Close(motion);

        var deferred = fixture.Session.Close(fixture.Chair, VotingFixture.At.AddHours(2));

        Assert.Equal([fixture.Item], deferred);
        Assert.Equal(ItemResult.Deferred, fixture.Item.Result);
        Assert.Equal(ItemResult.Rejected, decided.Result);
        Assert.Equal(ReviewSessionStatus.Closed, fixture.Session.Status);
    }

    [Fact]
    public void V2_3_1_Only_one_vote_is_open_at_a_time()
    {
        var fixture = new VotingFixture(3);
        var other = fixture.Session.AddItem(Guid.NewGuid(), [CriterionCode.NonProfit]);
        fixture.OpenReject();

        Assert.Equal("session.motion-open", Assert.Throws<DomainException>(() =>
            fixture.Session.OpenMotion(other.Id, fixture.Chair, MotionKind.Reject, null, VotingFixture.At)).Code);
    }

    [Fact]
    public void The_chair_must_hold_a_seat() =>
        Assert.Equal("session.chair-not-member", Assert.Throws<DomainException>(() =>
            ReviewSession.Plan(Guid.NewGuid(), new DateOnly(2026, 11, 26), Guid.NewGuid(), [Guid.NewGuid()])).Code);

    [Fact]
    public void Session_members_are_the_seat_holders_on_its_date()
    {
        var register = new KIP.Domain.Commission.SeatRegister();
        var current = Guid.NewGuid();
        register.Appoint(KIP.Domain.Commission.Seat.SroiIJmond, Guid.NewGuid(), new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 25));
        register.Appoint(KIP.Domain.Commission.Seat.HaarlemImpact, current, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var session = ReviewSession.Plan(Guid.NewGuid(), new DateOnly(2026, 11, 26), current, register);

        Assert.Equal([current], session.Members);
    }
}
