using System.Diagnostics;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KIP.Tests.Live;

/// <summary>
/// Two KIP servers (two Kestrel hosts) on one database of the run's scratch PostgreSQL and one scratch Redis — the
/// multi-server shape — and Debian's Chromium, with the chair on server A and a member on server B.
/// </summary>
public sealed class TwoServersFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TwoServersFixture()
    {
        Redis = new RedisServer();
        var settings = PostgresServer.AppSettings("twoservers");
        settings["Kip:Redis:Configuration"] = Redis.Configuration;

        // Two addresses, one database: without a public address each server's own origin is a registered redirect URI
        // of the embedded provider (behind nginx both share Kip:PublicUrl instead).
        settings["Kip:PublicUrl"] = null;
        A = new KipAppFactory(settings);
        B = new KipAppFactory(settings);
    }

    public RedisServer Redis { get; }

    public KipAppFactory A { get; }

    public KipAppFactory B { get; }

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();

        // A migrates the new database and fills it with the demo data; B then starts on it as it is.
        A.StartServer();
        B.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>
/// The multi-server shape, tested for real: a vote cast through server A appears on a screen held by server B within a
/// second, the quorum counts the members present on both, and with Redis stopped the votes are stored, both screens say
/// live updates are paused, and when Redis returns the screens catch up by themselves.
/// </summary>
public sealed class RedisTwoServersBrowserTests(TwoServersFixture servers, ITestOutputHelper output) : IClassFixture<TwoServersFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_vote_on_server_A_reaches_a_screen_on_server_B_within_a_second_and_screens_catch_up_after_Redis_was_away()
    {
        Guid meeting;
        await using (var db = await servers.A.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync())
        {
            meeting = (await db.Meetings.SingleAsync(m => m.Status == MeetingStatus.Planned)).Id;
        }

        var url = SessionPage.UrlFor(meeting);
        var chair = await BrowserSignIn.AsAsync(servers.Browser, servers.A.BaseUrl, DemoPersons.Chair, url, timeout: 30_000);
        var chairScreen = new ReviewSessionScreen(chair);
        var member = await BrowserSignIn.AsAsync(servers.Browser, servers.B.BaseUrl, DemoPersons.SroiZuidKennemerlandMember, url, timeout: 30_000);
        var memberScreen = new ReviewSessionScreen(member);

        // Each sees the other, though their screens are held by different servers.
        await Assertions.Expect(chairScreen.Presence(DemoPersons.SroiZuidKennemerlandMember)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 15_000 });
        await Assertions.Expect(memberScreen.Presence(DemoPersons.Chair)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 15_000 });

        // One more member on each server (their circuits are not browsers here).
        await servers.A.Services.GetRequiredService<PresenceTracker>().EnterAsync(meeting, DemoPersons.BusinessMember);
        await servers.B.Services.GetRequiredService<PresenceTracker>().EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await Assertions.Expect(memberScreen.Presence(DemoPersons.BusinessMember)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 15_000 });
        await Assertions.Expect(chairScreen.Presence(DemoPersons.SroiIJmondMember)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 15_000 });

        // The quorum counts the four present on both servers.
        await chairScreen.OpenMovingToTodayAsync();
        await Assertions.Expect(memberScreen.Status).ToHaveTextAsync("geopend", Live);
        await Assertions.Expect(memberScreen.Quorum).ToHaveAttributeAsync("data-has-quorum", "yes");
        await chairScreen.OpenVoteAsync("startup-zzp");
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("0 van 4 stemmen", Live);
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("0 van 4 stemmen", Live);

        // The chair votes on A; the member's screen on B shows it. Measured from the click to the new count on B, and
        // on A's own screen for comparison (the same path without Redis).
        var clock = Stopwatch.StartNew();
        await chairScreen.VoteAsync("For");
        var onB = memberScreen.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=vote-count]')?.textContent.trim() === '1 van 4 stemmen'", null, new() { Timeout = 15_000, PollingInterval = 10 })
            .ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);
        var onA = chairScreen.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=vote-count]')?.textContent.trim() === '1 van 4 stemmen'", null, new() { Timeout = 15_000, PollingInterval = 10 })
            .ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);
        var (sameServer, acrossServers) = (await onA, await onB);
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("1 van 4 stemmen");
        output.WriteLine($"A vote clicked on server A: on A's own screen after {sameServer.TotalMilliseconds:F0} ms, on server B's after {acrossServers.TotalMilliseconds:F0} ms.");
        Assert.True(acrossServers < TimeSpan.FromSeconds(3), $"a vote on A took {acrossServers.TotalMilliseconds:F0} ms to reach B (a second is the aim; 3 s allows for a busy machine)");
        await Assertions.Expect(chairScreen.MyVote).ToContainTextAsync("Voor");

        // And back: the member votes on B, the chair's screen on A shows it.
        await memberScreen.VoteAsync("Against");
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("2 van 4 stemmen", Live);
        await Assertions.Expect(chair.GetByTestId("live-paused")).ToHaveCountAsync(0);

        // Redis stops. Both screens say so; a vote through A is stored and shows on A's own screens, not yet on B.
        await servers.Redis.StopAsync();
        await Assertions.Expect(member.GetByTestId("live-paused")).ToBeVisibleAsync(Shown);
        await Assertions.Expect(member.GetByTestId("live-paused")).ToHaveTextAsync(
            "Live bijwerken staat even stil; uw stem en die van anderen worden wel bewaard. Ververs de pagina of wacht tot dit bericht verdwijnt.");
        await Assertions.Expect(chair.GetByTestId("live-paused")).ToBeVisibleAsync(Shown);
        await BrowserFixture.AssertAccessibleAsync(member);
        var view = (await servers.A.Services.GetRequiredService<ReviewSessionQueries>().LoadAsync(meeting, DemoPersons.Chair))!;
        await servers.A.Services.GetRequiredService<ReviewSessionCommands>()
            .CastVoteAsync(meeting, view.OnTheFloor!.OpenMotion!.Id, VoteChoice.Abstain, DemoPersons.BusinessMember).DoneAsync();
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("3 van 4 stemmen", Live);
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("2 van 4 stemmen");

        // Redis returns (empty): the message goes and B's screen catches up by itself, with all four still counted.
        await servers.Redis.StartAsync();
        await Assertions.Expect(member.GetByTestId("live-paused")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("3 van 4 stemmen", Live);
        await Assertions.Expect(chair.GetByTestId("live-paused")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        // Live updates flow again both ways: the last member votes on B, the chair's screen on A shows it.
        await servers.B.Services.GetRequiredService<ReviewSessionCommands>()
            .CastVoteAsync(meeting, view.OnTheFloor.OpenMotion.Id, VoteChoice.For, DemoPersons.SroiIJmondMember).DoneAsync();
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("4 van 4 stemmen", Live);
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("4 van 4 stemmen", Live);
        await using (var db = await servers.B.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(4, await db.Votes.CountAsync(v => v.MotionId == view.OnTheFloor.OpenMotion.Id));
        }

        BrowserProblems.AssertNone(chair);
        BrowserProblems.AssertNone(member);
    }
}
