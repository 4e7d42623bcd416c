using KIP.Domain;
using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §6: who may open and close a session, hand an item over and flag a recusal — KIP.Domain decides.</summary>
public class ReviewSessionActorTests
{
    private static readonly DateTimeOffset At = VotingFixture.At;
    private static readonly DateOnly Day = new(2026, 11, 26);

    [Fact]
    public void Only_the_sessions_chair_opens_it_and_a_non_member_is_told_so()
    {
        var members = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var session = ReviewSession.Plan(Guid.NewGuid(), new DateOnly(2026, 11, 26), members[0], members);

        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() => session.Open(members[1], At, Day)).Code);
        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() => session.Open(Guid.NewGuid(), At, Day)).Code);
        Assert.Equal(ReviewSessionStatus.Planned, session.Status);

        session.Open(members[0], At, Day);

        Assert.Equal(ReviewSessionStatus.Open, session.Status);
    }

    [Fact]
    public void Only_the_sessions_chair_closes_it_even_when_an_item_was_handed_over()
    {
        var fixture = new VotingFixture(3);
        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair);

        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() => fixture.Session.Close(fixture.Members[1], At)).Code);
        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() => fixture.Session.Close(Guid.NewGuid(), At)).Code);
        Assert.Equal(ReviewSessionStatus.Open, fixture.Session.Status);

        fixture.Session.Close(fixture.Chair, At);

        Assert.Equal(ReviewSessionStatus.Closed, fixture.Session.Status);
    }

    [Fact]
    public void Only_the_member_chairing_the_item_hands_it_over_and_then_no_longer_chairs_it()
    {
        var fixture = new VotingFixture(5);

        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() =>
            fixture.Session.HandOver(fixture.Item.Id, fixture.Members[2], fixture.Members[1])).Code);
        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() =>
            fixture.Session.HandOver(fixture.Item.Id, fixture.Members[2], Guid.NewGuid())).Code);
        Assert.Equal(fixture.Chair, fixture.Session.ActingChairOf(fixture.Item.Id));

        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair);

        // The session's chair has handed the item over: the acting chair may hand it on, the chair may not.
        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() =>
            fixture.Session.HandOver(fixture.Item.Id, fixture.Members[2], fixture.Chair)).Code);
        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() => fixture.OpenReject()).Code);
        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[2], fixture.Members[1]);
        Assert.Equal(fixture.Members[2], fixture.Session.ActingChairOf(fixture.Item.Id));
    }

    [Fact]
    public void A_member_declares_their_own_recusal_and_only_the_acting_chair_flags_another()
    {
        var fixture = new VotingFixture(5);

        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[3], fixture.Members[3]);
        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() =>
            fixture.Session.Recuse(fixture.Item.Id, fixture.Members[4], fixture.Members[2])).Code);
        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() =>
            fixture.Session.Recuse(fixture.Item.Id, fixture.Members[4], Guid.NewGuid())).Code);
        Assert.False(fixture.Item.IsRecused(fixture.Members[4]));

        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair);
        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() =>
            fixture.Session.Recuse(fixture.Item.Id, fixture.Members[4], fixture.Chair)).Code);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[4], fixture.Members[1]);

        Assert.Equal([fixture.Members[3], fixture.Members[4]], fixture.Item.Recusals);
    }

    [Fact]
    public void A_recused_chair_can_still_hand_the_item_over_but_not_to_a_recused_member()
    {
        var fixture = new VotingFixture(4);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Chair, fixture.Chair);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[3], fixture.Chair);

        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() =>
            fixture.Session.HandOver(fixture.Item.Id, fixture.Members[3], fixture.Chair)).Code);
        fixture.Session.HandOver(fixture.Item.Id, fixture.Members[1], fixture.Chair);

        var motion = fixture.Session.OpenMotion(fixture.Item.Id, fixture.Members[1], MotionKind.Reject, null, At);
        Assert.Equal("item.not-chair", Assert.Throws<DomainException>(() => fixture.Session.CloseMotion(motion.Id, fixture.Chair, At)).Code);
        Assert.Equal(ItemResult.Deferred, fixture.Session.CloseMotion(motion.Id, fixture.Members[1], At).ItemResult);
    }
}
