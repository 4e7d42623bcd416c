using System.Collections.Concurrent;
using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Live;
using KIP.Web.Live.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Live;

/// <summary>KIP.Web on Kestrel with <c>Kip:Redis:Configuration</c> set to a scratch Redis of its own (which the tests stop and start).</summary>
public sealed class RedisLiveApp : IAsyncLifetime
{
    public RedisLiveApp()
    {
        Redis = new RedisServer();
        App = new KipAppFactory(new Dictionary<string, string?> { ["Kip:Redis:Configuration"] = Redis.Configuration });
    }

    public RedisServer Redis { get; }

    public KipAppFactory App { get; }

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        App.StartServer();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// The app with Redis: the seam and presence are the Redis ones; a copy of an announcement that crossed Redis shares
/// the read of the original; and with Redis stopped a vote is stored, the screens are told live updates are paused,
/// and when Redis returns every screen is told to catch up.
/// </summary>
public sealed class RedisLiveAppTests(RedisLiveApp live) : IClassFixture<RedisLiveApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ReviewSessionCommands Sessions => live.Service<ReviewSessionCommands>();

    private async Task<(Guid Meeting, Guid Motion, IAsyncDisposable[] Screens)> OpenVoteAsync()
    {
        var (meeting, items, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        var presence = live.Service<PresenceTracker>();
        var screens = new List<IAsyncDisposable>();
        foreach (var member in LiveApp.Members)
        {
            screens.Add(await presence.EnterAsync(meeting, member));
        }

        await Sessions.OpenAsync(meeting, DemoPersons.Chair).DoneAsync();
        var motion = await Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], DemoPersons.Chair).ValueAsync();
        return (meeting, motion, [.. screens]);
    }

    [Fact]
    public async Task With_Redis_configured_the_seam_and_presence_go_through_Redis_and_quorum_counts_what_Redis_holds()
    {
        Assert.IsType<RedisSessionNotifier>(live.Service<ISessionNotifier>());
        var (meeting, motion, _) = await OpenVoteAsync();

        // Presence is in Redis: the meeting's set holds the five members of this server.
        var database = live.Service<RedisConnection>().Multiplexer.GetDatabase();
        Assert.Equal(LiveApp.Members.Length, await database.SortedSetLengthAsync($"kip:presence:{meeting:N}"));
        var view = (await live.Service<ReviewSessionQueries>().LoadAsync(meeting, DemoPersons.Chair))!;
        Assert.Equal(motion, view.OnTheFloor!.OpenMotion!.Id);
        Assert.Equal(LiveApp.Members.Length, view.OnTheFloor.OpenMotion.NotYetVoted.Count);
    }

    [Fact]
    public async Task A_copy_of_an_announcement_that_crossed_Redis_shares_the_read_of_the_original()
    {
        var (meeting, motion, _) = await OpenVoteAsync();
        var views = live.Service<ReviewSessionQueries>();
        await Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync();
        var change = new SessionChanged(meeting, "vote");
        var copy = (SessionChanged)RedisSessionNotifier.Read(RedisSessionNotifier.Write(change, Guid.NewGuid()))!.Value.Announcement;

        var business = (await views.LoadAfterAsync(change, DemoPersons.BusinessMember))!;
        await Sessions.CastVoteAsync(meeting, motion, VoteChoice.Against, DemoPersons.SroiIJmondMember).DoneAsync();
        var ijmondFromCopy = (await views.LoadAfterAsync(copy, DemoPersons.SroiIJmondMember))!;
        var ijmondNext = (await views.LoadAfterAsync(new SessionChanged(meeting, "vote"), DemoPersons.SroiIJmondMember))!;

        // The copy is the same announcement: one read, each screen with its own vote; the next announcement reads again.
        Assert.Equal(1, business.OnTheFloor!.OpenMotion!.Cast);
        Assert.Equal(1, ijmondFromCopy.OnTheFloor!.OpenMotion!.Cast);
        Assert.Null(ijmondFromCopy.OnTheFloor.OpenMotion.MyVote);
        Assert.Equal(2, ijmondNext.OnTheFloor!.OpenMotion!.Cast);
        Assert.Equal(VoteChoice.Against, ijmondNext.OnTheFloor.OpenMotion.MyVote);
    }

    [Fact]
    public async Task With_Redis_stopped_a_vote_is_stored_live_updates_are_paused_and_when_it_returns_every_screen_catches_up()
    {
        var (meeting, motion, _) = await OpenVoteAsync();
        var status = live.Service<LiveUpdateStatus>();
        var notifier = live.Service<ISessionNotifier>();
        var heard = new ConcurrentQueue<SessionChanged>();
        using var screen = notifier.SubscribeToSession(meeting, change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        Assert.False(status.Paused);

        await live.Redis.StopAsync();
        await WaitUntilAsync(() => status.Paused);

        // The vote is stored and answered as done: the failed publish is logged, never thrown at the voter.
        await Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.WerkInkomenMember).DoneAsync();
        await using (var db = await live.Db.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Votes.CountAsync(v => v.MotionId == motion && v.PersonId == DemoPersons.WerkInkomenMember));
        }

        // The view still counts the five present (the last presence read stands in while Redis is away).
        var paused = (await live.Service<ReviewSessionQueries>().LoadAsync(meeting, DemoPersons.Chair))!;
        Assert.Equal(1, paused.OnTheFloor!.OpenMotion!.Cast);
        Assert.Equal(LiveApp.Members.Length - 1, paused.OnTheFloor.OpenMotion.NotYetVoted.Count);

        await live.Redis.StartAsync();
        await WaitUntilAsync(() => !status.Paused && heard.Any(c => c.What == LiveAnnouncement.CatchUpReason));
        var caughtUp = heard.First(c => c.What == LiveAnnouncement.CatchUpReason);
        var view = (await live.Service<ReviewSessionQueries>().LoadAfterAsync(caughtUp, DemoPersons.Chair))!;
        Assert.Equal(1, view.OnTheFloor!.OpenMotion!.Cast);

        // Redis came back empty: this server wrote its members again, so quorum still counts all five.
        await WaitUntilAsync(() => live.Service<RedisConnection>().Multiplexer.GetDatabase().SortedSetLength($"kip:presence:{meeting:N}") == LiveApp.Members.Length);
        var after = (await live.Service<ReviewSessionQueries>().LoadAsync(meeting, DemoPersons.Chair))!;
        Assert.Equal(LiveApp.Members.Length - 1, after.OnTheFloor!.OpenMotion!.NotYetVoted.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
