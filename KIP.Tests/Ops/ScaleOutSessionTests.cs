using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Ops;

/// <summary>
/// The commission on the real multi-server shape, as <c>ops/scale-out.sh up</c> starts it (PostgreSQL, Redis, two KIP
/// instances, nginx with circuit affinity): five members sign in through nginx's one address, three held by kip-a and
/// two by kip-b, and hold a vote. Votes cast on either instance reach every screen; kip-a is killed mid-vote; kip-b's
/// screens go on without a pause, kip-a's people find themselves back on the session through nginx (now on kip-b),
/// every vote cast before the kill is there, and the chair finishes the vote from kip-b.
/// </summary>
public sealed class ScaleOutSessionTests
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 30_000 };

    // Back after a crash: the reconnect reaches kip-b through nginx, is refused (kip-b never held that circuit), and the
    // page reloads on kip-b; on a busy machine that may take a while.
    private static readonly LocatorAssertionsToHaveTextOptions Recovered = new() { Timeout = 90_000 };

    [Fact]
    public async Task Five_members_on_two_instances_vote_and_when_one_instance_is_killed_mid_vote_every_vote_is_kept_and_the_session_goes_on()
    {
        var shape = new ScaleOut();
        try
        {
            var (upExit, upOutput) = await shape.RunAsync("up", TimeSpan.FromMinutes(6));
            Assert.True(upExit == 0, "up failed:\n" + upOutput);
            var onA = await shape.AffinityForAsync("kip-a");
            var onB = await shape.AffinityForAsync("kip-b");

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserFixture.LaunchAsync(playwright);

            // The chair opens the session page from the commission's overview, through nginx.
            var chair = await SignInAsync(browser, shape, DemoPersons.Chair, "/commissie", onA);
            await chair.GetByTestId("session-link").First.ClickAsync();
            await Assertions.Expect(chair.GetByTestId("open-session")).ToBeVisibleAsync();
            var url = new Uri(chair.Url).AbsolutePath;

            // Three on kip-a (the chair among them), two on kip-b: each browser stays where its affinity cookie sends it.
            var business = await SignInAsync(browser, shape, DemoPersons.BusinessMember, url, onA);
            var ijmond = await SignInAsync(browser, shape, DemoPersons.SroiIJmondMember, url, onA);
            var zuidKennemerland = await SignInAsync(browser, shape, DemoPersons.SroiZuidKennemerlandMember, url, onB);
            var werkInkomen = await SignInAsync(browser, shape, DemoPersons.WerkInkomenMember, url, onB);
            IPage[] heldByA = [chair, business, ijmond];
            IPage[] heldByB = [zuidKennemerland, werkInkomen];
            IPage[] everyone = [.. heldByA, .. heldByB];
            foreach (var page in heldByA)
            {
                Assert.Equal("kip-a", await InstanceOfAsync(page, shape));
            }

            foreach (var page in heldByB)
            {
                Assert.Equal("kip-b", await InstanceOfAsync(page, shape));
            }

            // Presence crosses the instances: the chair on kip-a sees the two members held by kip-b.
            var chairScreen = new ReviewSessionScreen(chair);
            foreach (var person in new[] { DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember, DemoPersons.SroiZuidKennemerlandMember, DemoPersons.WerkInkomenMember })
            {
                await Assertions.Expect(chairScreen.Presence(person)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 30_000 });
            }

            await BrowserFixture.AssertAccessibleAsync(chair);
            await chairScreen.OpenMovingToTodayAsync();
            await chairScreen.OpenVoteAsync("startup-zzp");
            await ExpectEveryScreenAsync(everyone, "0 van 5 stemmen", Live);
            await Assertions.Expect(new ReviewSessionScreen(werkInkomen).Quorum).ToHaveAttributeAsync("data-has-quorum", "yes");

            // One vote through each instance; both reach all five screens.
            await new ReviewSessionScreen(business).VoteAsync("For");
            await Assertions.Expect(new ReviewSessionScreen(business).MyVote).ToContainTextAsync("Voor");
            await new ReviewSessionScreen(zuidKennemerland).VoteAsync("Against");
            await Assertions.Expect(new ReviewSessionScreen(zuidKennemerland).MyVote).ToContainTextAsync("Tegen");
            await ExpectEveryScreenAsync(everyone, "2 van 5 stemmen", Live);

            // kip-a dies mid-vote. Its three people lose their connection for a moment (the failed requests of that moment
            // are expected); kip-b's screens go on: a vote cast there right after the kill is stored and shown.
            var outages = heldByA.Select(page => BrowserProblems.Outage(page.Context)).ToList();
            shape.Kill("kip-a");
            await new ReviewSessionScreen(werkInkomen).VoteAsync("Abstain");
            await Assertions.Expect(new ReviewSessionScreen(werkInkomen).MyVote).ToContainTextAsync("Onthouding");
            await Assertions.Expect(new ReviewSessionScreen(zuidKennemerland).VoteCount).ToHaveTextAsync("3 van 5 stemmen", Live);
            foreach (var page in heldByB)
            {
                await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            }

            // kip-a's people come back by themselves: their page reloads through nginx, now on kip-b, still signed in,
            // and shows the vote as it stands, their own earlier vote included.
            foreach (var page in heldByA)
            {
                await Assertions.Expect(new ReviewSessionScreen(page).VoteCount).ToHaveTextAsync("3 van 5 stemmen", Recovered);
                await BrowserFixture.WaitUntilInteractiveAsync(page);
                Assert.Equal("kip-b", await InstanceOfAsync(page, shape));
            }

            outages.ForEach(outage => outage.Dispose());
            await Assertions.Expect(new ReviewSessionScreen(business).MyVote).ToContainTextAsync("Voor");
            await Assertions.Expect(business.GetByTestId("not-yet-voted-member")).ToHaveCountAsync(2);
            await Assertions.Expect(business.GetByTestId("not-yet-voted")).ToContainTextAsync("Fatima El Amrani");
            await Assertions.Expect(business.GetByTestId("not-yet-voted")).ToContainTextAsync("Marieke Jansen");

            // The session goes on from kip-b: the last two vote, the chair closes, and every screen shows the same result.
            await new ReviewSessionScreen(ijmond).VoteAsync("For");
            await chairScreen.VoteAsync("For");
            await ExpectEveryScreenAsync(everyone, "5 van 5 stemmen", Live);
            await chairScreen.CloseVoteAsync("Besloten met een van beide servers uitgevallen.");
            foreach (var page in everyone)
            {
                await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("aangenomen", new() { Timeout = 30_000 });
                await Assertions.Expect(page.GetByTestId("tally")).ToHaveTextAsync("3 voor, 1 tegen, 1 onthouding");
            }

            await BrowserFixture.AssertAccessibleAsync(business);
            foreach (var page in everyone)
            {
                BrowserProblems.AssertNone(page);
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            var (downExit, downOutput) = await shape.RunAsync("down", TimeSpan.FromMinutes(2));
            Assert.True(downExit == 0, "down failed:\n" + downOutput);
        }

        Assert.Empty(shape.Processes());
    }

    private static Task<IPage> SignInAsync(IBrowser browser, ScaleOut shape, Guid person, string path, string affinity) =>
        BrowserSignIn.AsAsync(browser, shape.Address, person, path, timeout: 30_000, cookies: [new Cookie { Name = ScaleOut.AffinityCookie, Value = affinity, Url = shape.Address }]);

    /// <summary>The instance that answers this browser (its cookies, its affinity) through nginx.</summary>
    private static async Task<string> InstanceOfAsync(IPage page, ScaleOut shape)
    {
        var response = await page.Context.APIRequest.GetAsync(shape.Address + "/health");
        Assert.Equal(200, response.Status);
        return response.Headers[StorageSetup.InstanceHeader.ToLowerInvariant()];
    }

    private static async Task ExpectEveryScreenAsync(IEnumerable<IPage> pages, string count, LocatorAssertionsToHaveTextOptions options)
    {
        foreach (var page in pages)
        {
            await Assertions.Expect(new ReviewSessionScreen(page).VoteCount).ToHaveTextAsync(count, options);
        }
    }
}
