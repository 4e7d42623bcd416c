using System.Collections.Concurrent;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Voting;
using KIP.Tests.Coordination;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Live;

/// <summary>The chair's hand-over of an item, a request for more information, and a tie deferred to the next agenda.</summary>
[Collection(LiveCollection.Name)]
public sealed class ReviewSessionChairTests(LiveApp live)
{
    private static readonly Guid Chair = DemoPersons.Chair;

    private static async Task<DomainException> RefusedAsync(Func<Task> act) => await Assert.ThrowsAsync<DomainException>(act);

    [Fact]
    public async Task A_recused_chair_hands_the_item_over_the_new_chair_runs_the_vote_and_no_one_else_can_hand_it_over()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        await live.EnterAsync(meeting, [.. LiveApp.Members, DemoPersons.Entrepreneur, DemoPersons.SroiOfficer]);
        var announced = new ConcurrentBag<SessionChanged>();
        using var subscription = live.Notifier.SubscribeToSession(meeting, s => { announced.Add(s); return Task.CompletedTask; });
        await live.Sessions.OpenAsync(meeting, Chair);
        await live.Sessions.RecuseAsync(meeting, items[0], Chair, Chair);
        Assert.Equal("item.chair-not-available", (await RefusedAsync(() => live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], Chair))).Code);

        // Whatever they send, a member who does not chair the item, an entrepreneur or an officer cannot hand it over.
        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember))).Code);
        Assert.Equal("session.not-a-member", (await RefusedAsync(() => live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.Entrepreneur, DemoPersons.Entrepreneur))).Code);
        Assert.Equal("session.not-a-member", (await RefusedAsync(() => live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.BusinessMember, DemoPersons.SroiOfficer))).Code);
        Assert.Equal("item.chair-not-available", (await RefusedAsync(() => live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.Entrepreneur, Chair))).Code);
        await using (var db = await live.Db.CreateDbContextAsync())
        {
            Assert.False(await db.Set<HandOverRecord>().AnyAsync(h => h.AgendaEntryId == items[0]));
        }

        await live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.BusinessMember, Chair);

        // Every screen (rebuilt from the record) shows who chairs the item now.
        Assert.Contains(announced, s => s.What == "hand-over");
        foreach (var viewer in new[] { DemoPersons.WerkInkomenMember, Chair, DemoPersons.BusinessMember })
        {
            Assert.Equal(DemoPersons.BusinessMember, (await live.Views.LoadAsync(meeting, viewer))!.OnTheFloor!.ActingChairPersonId);
        }

        // While handed over, the session's chair can neither put the motion nor take the item back.
        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], Chair))).Code);
        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.HandOverAsync(meeting, items[0], DemoPersons.SroiIJmondMember, Chair))).Code);
        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.RequestMoreInformationAsync(meeting, items[0], "Statuten?", Chair))).Code);

        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], DemoPersons.BusinessMember);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.SroiIJmondMember);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.SroiZuidKennemerlandMember);
        Assert.Equal("vote.recused", (await RefusedAsync(() => live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, Chair))).Code);
        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.CloseMotionAsync(meeting, motion, "Stichting.", null, Chair))).Code);

        await live.Sessions.CloseMotionAsync(meeting, motion, "Een stichting werkt zonder winstoogmerk.", null, DemoPersons.BusinessMember);

        await using var after = await live.Db.CreateDbContextAsync();
        Assert.Equal(ApplicationStatus.Recognised, (await after.Applications.SingleAsync(a => a.Id == applications[0])).Status);
        var decision = await after.Decisions.SingleAsync(d => d.MotionId == motion);
        Assert.Equal("recognised", decision.Outcome);
        Assert.Equal(DemoPersons.BusinessMember, decision.RecordedBy);
        Assert.Equal([Chair.ToString()], decision.Recusals);
        var handOver = await after.Set<HandOverRecord>().SingleAsync(h => h.AgendaEntryId == items[0]);
        Assert.Equal((DemoPersons.BusinessMember, Chair), (handOver.ToPersonId, handOver.By));
        var closed = (await live.Views.LoadAsync(meeting, Chair))!.Items[0].ClosedMotions.Single();
        Assert.Equal((VoteOutcome.Adopted, 2, 1), (closed.Outcome, closed.For, closed.Against));
    }

    [Fact]
    public async Task The_chair_asks_for_more_information_instead_of_a_motion_and_nothing_is_decided()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit", "non-profit");
        await live.EnterAsync(meeting, [.. LiveApp.Members, DemoPersons.Entrepreneur]);
        await live.Sessions.OpenAsync(meeting, Chair);
        var toApplicant = new ConcurrentBag<LiveAnnouncement>();
        using var subscription = live.Notifier.SubscribeToApplication(applications[0], a => { toApplicant.Add(a); return Task.CompletedTask; });
        const string question = "Wilt u de statuten van de stichting meesturen?";

        Assert.Equal("item.not-chair", (await RefusedAsync(() => live.Sessions.RequestMoreInformationAsync(meeting, items[0], question, DemoPersons.SroiIJmondMember))).Code);
        Assert.Equal("session.not-a-member", (await RefusedAsync(() => live.Sessions.RequestMoreInformationAsync(meeting, items[0], question, DemoPersons.Entrepreneur))).Code);
        Assert.Equal("application.question-required", (await RefusedAsync(() => live.Sessions.RequestMoreInformationAsync(meeting, items[0], "  ", Chair))).Code);
        Assert.Empty(toApplicant);

        await live.Sessions.RequestMoreInformationAsync(meeting, items[0], question, Chair);

        // Rulebook §4: back to the applicant with the question; the item leaves the floor for the next one.
        Assert.Contains(new ApplicationChanged(applications[0]), toApplicant);
        var view = (await live.Views.LoadAsync(meeting, DemoPersons.WerkInkomenMember))!;
        Assert.Equal(ItemResult.MoreInformationRequested, view.Items[0].Result);
        Assert.Equal(items[1], view.OnTheFloor!.Id);
        Assert.Equal("item.concluded", (await RefusedAsync(() => live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], Chair))).Code);

        await using var db = await live.Db.CreateDbContextAsync();
        var application = await db.Applications.SingleAsync(a => a.Id == applications[0]);
        Assert.Equal(ApplicationStatus.MoreInformationRequested, application.Status);
        Assert.Equal(question, application.Timeline[^1].Note);
        Assert.Null(application.DecidedAt);
        Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == applications[0]));
        Assert.False(await db.Motions.AnyAsync(m => m.AgendaEntryId == items[0]));
        Assert.Equal(nameof(ItemResult.MoreInformationRequested), (await db.AgendaEntries.SingleAsync(e => e.Id == items[0])).Result);
        Assert.Equal(ApplicationStatus.InReview, (await db.Applications.SingleAsync(a => a.Id == applications[1])).Status);

        // Closing the session defers only the item still open; the question stands.
        await live.Sessions.CloseAsync(meeting, Chair);
        var list = (await live.Views.DecisionListAsync(meeting, Chair))!;
        Assert.Equal(new ItemResult?[] { ItemResult.MoreInformationRequested, ItemResult.Deferred }, list.Session.Items.Select(i => i.Result));
    }

    [Fact]
    public async Task A_tie_defers_the_item_and_it_is_proposed_first_for_the_next_meetings_agenda()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        await live.EnterAsync(meeting, LiveApp.Members);
        await live.Sessions.OpenAsync(meeting, Chair);
        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], Chair);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, Chair);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.SroiIJmondMember);
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.WerkInkomenMember);
        await live.Sessions.CloseMotionAsync(meeting, motion, "Staking van stemmen: aangehouden.", null, Chair);

        var closed = (await live.Views.LoadAsync(meeting, Chair))!.Items[0];
        Assert.Equal(ItemResult.Deferred, closed.Result);
        Assert.Equal((VoteOutcome.Deferred, 2, 2), (closed.ClosedMotions[0].Outcome, closed.ClosedMotions[0].For, closed.ClosedMotions[0].Against));
        await live.Sessions.CloseAsync(meeting, Chair);

        // The next meeting: the deferred application is proposed, ahead of every submitted one, and goes on as InReview.
        var (next, _, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe);
        await using (var db = await live.Db.CreateDbContextAsync())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == applications[0]);
            Assert.Equal(ApplicationStatus.InReview, application.Status);
            Assert.True(application.IsDeferred);
            Assert.Equal("deferred", (await db.Decisions.SingleAsync(d => d.MotionId == motion)).Outcome);
        }

        using var scope = live.App.Services.CreateScope();
        var meetings = scope.ServiceProvider.GetRequiredService<MeetingService>();
        var agenda = (await meetings.AgendaAsync(next))!;
        var proposal = agenda.Proposals.Single(p => p.ApplicationId == applications[0]);
        Assert.True(proposal.Deferred);
        Assert.Contains(agenda.Proposals.TakeWhile(p => p.Deferred), p => p.ApplicationId == applications[0]);
        Assert.DoesNotContain(agenda.Proposals.SkipWhile(p => p.Deferred), p => p.Deferred);

        var added = await meetings.AddToAgendaAsync(TestUsers.Coordinator, next, applications[0]);
        Assert.True(added.Succeeded, added.ErrorKey);
        agenda = (await meetings.AgendaAsync(next))!;
        Assert.Equal(ApplicationStatus.InReview, agenda.Agenda.Single(a => a.ApplicationId == applications[0]).Status);
        Assert.DoesNotContain(agenda.Proposals, p => p.ApplicationId == applications[0]);
    }
}
