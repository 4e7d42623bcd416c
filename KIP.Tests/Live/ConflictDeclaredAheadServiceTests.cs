using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Data;
using KIP.Web.Live;

namespace KIP.Tests.Live;

/// <summary>The service loads the conflicts declared on /commissie into KIP.Domain's session.</summary>
[Collection(LiveCollection.Name)]
public sealed class ConflictDeclaredAheadServiceTests(LiveApp live)
{
    private static readonly Guid Chair = DemoPersons.Chair;
    private static readonly Guid Pieter = DemoPersons.BusinessMember;

    private async Task DeclareAsync(Guid application, Guid person, DateTimeOffset at)
    {
        await using var db = await live.Db.CreateDbContextAsync();
        db.ConflictsOfInterest.Add(new ConflictOfInterest { Id = Guid.NewGuid(), ApplicationId = application, PersonId = person, Reason = "Vrijwilliger", DeclaredAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_stored_declaration_recuses_the_member_on_the_floor_and_the_decision_list_says_why()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit", "non-profit");
        await DeclareAsync(applications[1], Pieter, DateTimeOffset.UtcNow.AddDays(-1));
        await live.EnterAsync(meeting, LiveApp.Members);
        await live.Sessions.OpenAsync(meeting, Chair);

        // The first item is not his conflict: he counts and votes.
        var first = (await live.Views.LoadAsync(meeting, Pieter))!.OnTheFloor!;
        Assert.Equal(items[0], first.Id);
        Assert.Empty(first.Recused);
        Assert.Equal(5, first.Quorum.Eligible);

        await live.Sessions.RequestMoreInformationAsync(meeting, items[0], "Graag de jaarrekening.", Chair);
        var floor = (await live.Views.LoadAsync(meeting, Pieter))!.OnTheFloor!;
        Assert.Equal(items[1], floor.Id);
        Assert.Equal([Pieter], floor.Recused);
        Assert.Equal([Pieter], floor.RecusedAhead);
        Assert.Equal(new QuorumState(4, 3, 4), floor.Quorum);

        var motion = await live.Sessions.OpenMotionAsync(meeting, items[1], MotionKind.Recognise, [CriterionCode.NonProfit], Chair);
        var refused = await Assert.ThrowsAsync<DomainException>(() => live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, Pieter));
        Assert.Equal("vote.recused", refused.Code);
        Assert.DoesNotContain(Pieter, (await live.Views.LoadAsync(meeting, Chair))!.OnTheFloor!.OpenMotion!.NotYetVoted);

        // Declaring in the session as well records nothing twice.
        var again = await Assert.ThrowsAsync<DomainException>(() => live.Sessions.RecuseAsync(meeting, items[1], Pieter, Pieter));
        Assert.Equal("item.motion-open", again.Code);

        var list = (await live.Views.DecisionListAsync(meeting, Chair))!;
        var recusal = Assert.Single(list.Recusals);
        Assert.True(recusal.DeclaredAhead);
        Assert.Equal(items[1], recusal.ItemId);
        Assert.Equal("Pieter Bakker", recusal.Name);
    }

    [Fact]
    public async Task A_declaration_made_after_a_meeting_closed_does_not_change_that_meeting()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        await live.EnterAsync(meeting, LiveApp.Members);
        await live.Sessions.OpenAsync(meeting, Chair);
        await live.Sessions.CloseAsync(meeting, Chair);

        await DeclareAsync(applications[0], Pieter, DateTimeOffset.UtcNow.AddMinutes(1));

        var view = (await live.Views.LoadAsync(meeting, Chair))!;
        Assert.Empty(view.Items.Single(i => i.Id == items[0]).Recused);
        Assert.Empty((await live.Views.DecisionListAsync(meeting, Chair))!.Recusals);
    }
}
