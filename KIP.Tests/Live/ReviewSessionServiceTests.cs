using System.Collections.Concurrent;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Voting;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Live;

/// <summary>Who may vote, what each screen is told, and the record under concurrency.</summary>
[Collection(LiveCollection.Name)]
public class ReviewSessionServiceTests(LiveApp live)
{
    private static readonly Guid Chair = DemoPersons.Chair;

    private async Task<(Guid Meeting, Guid Item, Guid Application, Guid Motion)> OpenVoteAsync(params Guid[] present)
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        await live.EnterAsync(meeting, present.Length == 0 ? LiveApp.Members : present);
        await live.Sessions.OpenAsync(meeting, Chair).DoneAsync();
        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], Chair).ValueAsync();
        return (meeting, items[0], applications[0], motion);
    }

    private async Task<int> VotesOfAsync(Guid motion, Guid? person = null)
    {
        await using var db = await live.Db.CreateDbContextAsync();
        return await db.Votes.CountAsync(v => v.MotionId == motion && (person == null || v.PersonId == person));
    }

    [Fact]
    public async Task V8_3_1_A_non_member_an_entrepreneur_and_a_recused_member_cannot_vote_whatever_they_send()
    {
        var (meeting, items, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        await live.EnterAsync(meeting, [.. LiveApp.Members, DemoPersons.Entrepreneur, DemoPersons.SroiOfficer]);
        await live.Sessions.OpenAsync(meeting, Chair).DoneAsync();
        await live.Sessions.RecuseAsync(meeting, items[0], DemoPersons.WerkInkomenMember, DemoPersons.WerkInkomenMember).DoneAsync();

        // A member may not flag someone else, nor put a motion: only the chair of the item.
        var flag = await live.Sessions.RecuseAsync(meeting, items[0], DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember).RefusalAsync();
        Assert.Equal("item.not-chair", flag.Code);
        var notChair = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], DemoPersons.SroiIJmondMember).RefusalAsync();
        Assert.Equal("item.not-chair", notChair.Code);
        var entrepreneurMotion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], DemoPersons.Entrepreneur).RefusalAsync();
        Assert.Equal("session.not-a-member", entrepreneurMotion.Code);

        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], Chair).ValueAsync();

        var entrepreneur = await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.Entrepreneur).RefusalAsync();
        var officer = await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.SroiOfficer).RefusalAsync();
        var recused = await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.WerkInkomenMember).RefusalAsync();
        var close = await live.Sessions.CloseMotionAsync(meeting, motion, "Voldoet.", null, DemoPersons.BusinessMember).RefusalAsync();
        Assert.Equal("session.not-a-member", entrepreneur.Code);
        Assert.Equal("session.not-a-member", officer.Code);
        Assert.Equal("vote.recused", recused.Code);
        Assert.Equal("item.not-chair", close.Code);
        Assert.Equal(0, await VotesOfAsync(motion));

        // The recused member stays out of the quorum, and out of "not yet voted".
        var view = (await live.Views.LoadAsync(meeting, Chair))!;
        var open = view.OnTheFloor!.OpenMotion!;
        Assert.Equal(4, view.OnTheFloor.Quorum.Eligible);
        Assert.DoesNotContain(DemoPersons.WerkInkomenMember, open.NotYetVoted);
        Assert.Equal(4, open.NotYetVoted.Count);
    }

    [Fact]
    public async Task An_absent_member_cannot_vote_and_presence_is_recounted_as_people_come_and_go()
    {
        var (meeting, items, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        var screens = await live.EnterAsync(meeting, Chair, DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember);
        await live.Sessions.OpenAsync(meeting, Chair).DoneAsync();
        Assert.True((await live.Views.LoadAsync(meeting, Chair))!.OnTheFloor!.Quorum.HasQuorum);

        await screens[2].DisposeAsync();
        var view = (await live.Views.LoadAsync(meeting, Chair))!;
        Assert.False(view.OnTheFloor!.Quorum.HasQuorum);
        var refused = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], Chair).RefusalAsync();
        Assert.Equal("item.no-quorum", refused.Code);

        await live.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], Chair).ValueAsync();
        var absent = await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.WerkInkomenMember).RefusalAsync();
        Assert.Equal("vote.not-present", absent.Code);
    }

    [Fact]
    public async Task While_open_a_screen_gets_counts_and_who_has_not_voted_and_named_votes_only_after_the_close()
    {
        var (meeting, _, application, motion) = await OpenVoteAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.BusinessMember).DoneAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync(); // changed while open
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.SroiIJmondMember).DoneAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Abstain, Chair).DoneAsync();

        var watching = (await live.Views.LoadAsync(meeting, DemoPersons.WerkInkomenMember))!;
        var open = watching.OnTheFloor!.OpenMotion!;
        Assert.Equal(3, open.Cast);
        Assert.Equal([DemoPersons.SroiZuidKennemerlandMember, DemoPersons.WerkInkomenMember], open.NotYetVoted.Order());
        Assert.Null(open.MyVote);
        Assert.Empty(watching.Items.SelectMany(i => i.ClosedMotions));
        Assert.Equal(1, await VotesOfAsync(motion, DemoPersons.BusinessMember));

        var refused = await live.Sessions.CloseMotionAsync(meeting, motion, "  ", null, Chair).RefusalAsync();
        Assert.Equal("decision.motivation-required", refused.Code);
        await live.Sessions.CloseMotionAsync(meeting, motion, "De stichting werkt zonder winstoogmerk.", null, Chair).DoneAsync();

        var closed = (await live.Views.LoadAsync(meeting, DemoPersons.WerkInkomenMember))!.Items[0].ClosedMotions.Single();
        Assert.Equal(VoteOutcome.Adopted, closed.Outcome);
        Assert.Equal((2, 0, 1), (closed.For, closed.Against, closed.Abstain));
        Assert.Equal(3, closed.Votes.Count);

        // Decision, application and recognition changed together.
        await using var db = await live.Db.CreateDbContextAsync();
        var stored = await db.Applications.SingleAsync(a => a.Id == application);
        Assert.Equal(ApplicationStatus.Recognised, stored.Status);
        var decision = await db.Decisions.SingleAsync(d => d.MotionId == motion);
        Assert.Equal("recognised", decision.Outcome);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == LiveApp.Taalcafe);
        Assert.Contains(organisation.AcceptedCriteria, c => c.DecisionId == decision.Id && c.Code == CriterionCode.NonProfit);
    }

    [Fact]
    public async Task A_tie_is_deferred_and_closing_the_session_defers_the_open_items()
    {
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit", "non-profit");
        await live.EnterAsync(meeting, LiveApp.Members);
        await live.Sessions.OpenAsync(meeting, Chair).DoneAsync();
        var motion = await live.Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], Chair).ValueAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.SroiIJmondMember).DoneAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Abstain, Chair).DoneAsync();
        await live.Sessions.CloseMotionAsync(meeting, motion, "Staking van stemmen.", null, Chair).DoneAsync();
        await live.Sessions.CloseAsync(meeting, Chair).DoneAsync();

        var list = (await live.Views.DecisionListAsync(meeting, Chair))!;
        Assert.Equal(MeetingStatus.Closed, list.Session.Status);
        Assert.All(list.Session.Items, i => Assert.Equal(ItemResult.Deferred, i.Result));
        Assert.Equal(5, list.Attendance.Count);
        Assert.All(list.Attendance, a => Assert.NotNull(a.Until));
        await using var db = await live.Db.CreateDbContextAsync();
        Assert.All(await db.Applications.Where(a => applications.Contains(a.Id)).ToListAsync(), a => Assert.Equal(ApplicationStatus.InReview, a.Status));
    }

    [Fact]
    public async Task A_subscriber_of_another_meeting_receives_nothing_of_this_one()
    {
        var (other, _, otherApplications) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        var mine = new ConcurrentBag<SessionChanged>();
        var theirs = new ConcurrentBag<LiveAnnouncement>();
        var (meeting, _, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        using var a = live.Notifier.SubscribeToSession(meeting, s => { mine.Add(s); return Task.CompletedTask; });
        using var b = live.Notifier.SubscribeToSession(other, s => { theirs.Add(s); return Task.CompletedTask; });
        using var c = live.Notifier.SubscribeToApplication(otherApplications[0], s => { theirs.Add(s); return Task.CompletedTask; });

        await live.EnterAsync(meeting, LiveApp.Members);
        await live.Sessions.OpenAsync(meeting, Chair).DoneAsync();
        var view = (await live.Views.LoadAsync(meeting, Chair))!;
        var motion = await live.Sessions.OpenMotionAsync(meeting, view.Items[0].Id, MotionKind.Reject, [], Chair).ValueAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, Chair).DoneAsync();
        await live.Sessions.CloseMotionAsync(meeting, motion, "Geen sociale missie.", null, Chair).DoneAsync();

        Assert.Empty(theirs);
        Assert.All(mine, s => Assert.Equal(meeting, s.MeetingId));
        Assert.Contains(mine, s => s.What == "vote");
        Assert.Contains(mine, s => s.What == "presence");
    }

    [Fact]
    public async Task All_members_voting_at_the_same_instant_on_parallel_contexts_give_the_exact_tally_50_times()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var (meeting, _, _, motion) = await OpenVoteAsync();
            var choices = LiveApp.Members.ToDictionary(m => m, _ => (VoteChoice)random.Next(3));
            using var start = new ManualResetEventSlim();
            var voters = choices.Select(pair => Task.Run(async () =>
            {
                start.Wait();
                await live.Sessions.CastVoteAsync(meeting, motion, pair.Value, pair.Key).DoneAsync();
            })).ToList();
            start.Set();
            await Task.WhenAll(voters);

            await using (var db = await live.Db.CreateDbContextAsync())
            {
                var stored = await db.Votes.Where(v => v.MotionId == motion).ToDictionaryAsync(v => v.PersonId, v => Enum.Parse<VoteChoice>(v.Choice));
                Assert.Equal(choices.OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
            }

            await live.Sessions.CloseMotionAsync(meeting, motion, "Besluit na stemming.", null, Chair).DoneAsync();
            var closed = (await live.Views.LoadAsync(meeting, Chair))!.Items[0].ClosedMotions.Single();
            Assert.Equal(choices.Values.Count(c => c == VoteChoice.For), closed.For);
            Assert.Equal(choices.Values.Count(c => c == VoteChoice.Against), closed.Against);
            Assert.Equal(choices.Values.Count(c => c == VoteChoice.Abstain), closed.Abstain);
        }
    }

    [Fact]
    public async Task A_duplicate_vote_is_refused_by_the_unique_index()
    {
        var (meeting, _, _, motion) = await OpenVoteAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync();

        await using var db = await live.Db.CreateDbContextAsync();
        db.Votes.Add(new VoteRecord { Id = Guid.NewGuid(), MotionId = motion, PersonId = DemoPersons.BusinessMember, Choice = nameof(VoteChoice.Against), CastAt = DateTimeOffset.UtcNow });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("UNIQUE", refused.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(1, await VotesOfAsync(motion, DemoPersons.BusinessMember));
    }

    [Fact]
    public async Task A_vote_racing_the_close_is_either_counted_or_refused_never_half_stored()
    {
        var counted = 0;
        var refused = 0;
        for (var round = 0; round < 20; round++)
        {
            var (meeting, _, _, motion) = await OpenVoteAsync();
            await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, Chair).DoneAsync();
            await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.SroiIJmondMember).DoneAsync();
            using var start = new ManualResetEventSlim();
            var vote = Task.Run(async () =>
            {
                start.Wait();
                return await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.BusinessMember);
            });
            var close = Task.Run(async () =>
            {
                start.Wait();
                await live.Sessions.CloseMotionAsync(meeting, motion, "Besluit.", null, Chair).DoneAsync();
            });
            start.Set();
            await close;
            var answer = await vote;
            if (answer.Succeeded)
            {
                counted++;
            }
            else
            {
                Assert.Equal("DomainError.motion.closed", answer.ErrorKey);
                refused++;
            }

            // What the close counted (its audit entry, written in the close's transaction) equals what is stored.
            await using var db = await live.Db.CreateDbContextAsync();
            var stored = await db.Votes.CountAsync(v => v.MotionId == motion);
            var audit = await db.AuditEntries.SingleAsync(e => e.Action == "session.motion-close" && e.Subject == motion.ToString());
            var tally = audit.Details!.Split(' ')[1].Split('-').Sum(int.Parse);
            Assert.Equal(stored, tally);
        }

        Assert.Equal(20, counted + refused);
    }

    [Fact]
    public async Task Screens_told_of_the_same_change_share_one_read_each_with_its_own_vote_and_a_new_change_reads_again()
    {
        var (meeting, _, _, motion) = await OpenVoteAsync();
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync();
        var change = new SessionChanged(meeting, "vote");

        var business = (await live.Views.LoadAfterAsync(change, DemoPersons.BusinessMember))!;
        await live.Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.SroiIJmondMember).DoneAsync();
        var ijmondSameChange = (await live.Views.LoadAfterAsync(change, DemoPersons.SroiIJmondMember))!;
        var ijmondNextChange = (await live.Views.LoadAfterAsync(new SessionChanged(meeting, "vote"), DemoPersons.SroiIJmondMember))!;

        // One read for the first change: the second screen sees the same count, with its own (no) vote.
        Assert.Equal(1, business.OnTheFloor!.OpenMotion!.Cast);
        Assert.Equal(VoteChoice.For, business.OnTheFloor.OpenMotion.MyVote);
        Assert.Equal(1, ijmondSameChange.OnTheFloor!.OpenMotion!.Cast);
        Assert.Null(ijmondSameChange.OnTheFloor.OpenMotion.MyVote);
        Assert.Equal(DemoPersons.SroiIJmondMember, ijmondSameChange.ViewerId);

        // The next change (an equal but new announcement) reads the database again.
        Assert.Equal(2, ijmondNextChange.OnTheFloor!.OpenMotion!.Cast);
        Assert.Equal(VoteChoice.Against, ijmondNextChange.OnTheFloor.OpenMotion.MyVote);
    }
}
