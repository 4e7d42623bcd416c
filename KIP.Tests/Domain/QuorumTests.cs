using KIP.Domain;
using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

public class QuorumTests
{
    [Theory]
    [InlineData(5, 0, 3, true)]
    [InlineData(5, 0, 2, false)]
    [InlineData(4, 0, 3, true)]
    [InlineData(4, 0, 2, false)]
    [InlineData(3, 0, 2, true)]
    [InlineData(3, 0, 1, false)]
    [InlineData(5, 1, 3, true)]
    [InlineData(5, 1, 2, false)]
    [InlineData(5, 2, 2, true)]
    [InlineData(4, 1, 2, true)]
    [InlineData(4, 2, 1, false)]
    [InlineData(4, 2, 2, true)]
    public void An_item_has_quorum_when_a_majority_of_occupied_non_recused_seats_is_present(
        int occupied, int recused, int presentNonRecused, bool hasQuorum)
    {
        var members = Enumerable.Range(0, occupied).Select(_ => Guid.NewGuid()).ToList();
        var recusals = members.Take(recused).ToList();
        var present = members.Skip(recused).Take(presentNonRecused).Concat(recusals).ToList();

        var quorum = Quorum.Compute(members, present, recusals);

        Assert.Equal(occupied - recused, quorum.Eligible);
        Assert.Equal(hasQuorum, quorum.HasQuorum);
    }

    [Fact]
    public void Everyone_recused_means_the_item_must_be_deferred_and_coordination_told()
    {
        var fixture = new VotingFixture(3);
        foreach (var member in fixture.Members)
        {
            fixture.Session.Recuse(fixture.Item.Id, member, member);
        }

        Assert.True(fixture.Session.QuorumFor(fixture.Item.Id).MustDefer);
        Assert.Equal("item.must-defer", Assert.Throws<DomainException>(() => fixture.OpenReject()).Code);

        fixture.Session.DeferItem(fixture.Item.Id);

        Assert.Equal(ItemResult.Deferred, fixture.Item.Result);
        Assert.True(fixture.Item.CoordinationMustBeTold);
    }

    [Fact]
    public void Quorum_is_recounted_as_members_come_and_go()
    {
        var fixture = new VotingFixture(4, present: 3);
        Assert.True(fixture.Session.QuorumFor(fixture.Item.Id).HasQuorum);

        fixture.Session.Leave(fixture.Members[2]);

        Assert.False(fixture.Session.QuorumFor(fixture.Item.Id).HasQuorum);
        Assert.Equal("item.no-quorum", Assert.Throws<DomainException>(() => fixture.OpenReject()).Code);
        fixture.Session.Join(fixture.Members[3]);
        Assert.True(fixture.Session.QuorumFor(fixture.Item.Id).HasQuorum);
    }

    [Fact]
    public void A_recused_member_present_does_not_make_quorum()
    {
        var fixture = new VotingFixture(4, present: 3);
        fixture.Session.Recuse(fixture.Item.Id, fixture.Members[2], fixture.Chair);

        var quorum = fixture.Session.QuorumFor(fixture.Item.Id);

        Assert.Equal((3, 2, 2), (quorum.Eligible, quorum.Required, quorum.PresentEligible));
        Assert.True(quorum.HasQuorum);
    }
}
