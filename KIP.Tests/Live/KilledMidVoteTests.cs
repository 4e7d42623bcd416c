using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>
/// KIP.Web killed (SIGKILL) in the middle of a vote and started again on the same data: every
/// vote a member saw confirmed is still there, the lost connection was shown, and reloaded pages show the truth.
/// </summary>
public sealed class KilledMidVoteTests
{
    private static Task<IPage> SignInAsync(IBrowser browser, AppProcess app, Guid person, string path) =>
        BrowserSignIn.AsAsync(browser, app.BaseUrl, person, path, timeout: 20_000);

    [Fact]
    public async Task Votes_confirmed_before_the_kill_are_all_there_after_the_restart()
    {
        await using var app = new AppProcess();
        await app.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);

        var chair = await SignInAsync(browser, app, DemoPersons.Chair, "/commissie");
        var chairScreen = new ReviewSessionScreen(chair);
        await chair.GetByTestId("session-link").First.ClickAsync();
        await Assertions.Expect(chair.GetByTestId("open-session")).ToBeVisibleAsync();
        var url = new Uri(chair.Url).AbsolutePath;
        var first = await SignInAsync(browser, app, DemoPersons.BusinessMember, url);
        var firstScreen = new ReviewSessionScreen(first);
        var second = await SignInAsync(browser, app, DemoPersons.SroiIJmondMember, url);
        var secondScreen = new ReviewSessionScreen(second);
        await Assertions.Expect(chairScreen.Presence(DemoPersons.SroiIJmondMember)).ToHaveAttributeAsync("data-present", "yes");

        await chairScreen.OpenMovingToTodayAsync();
        await chairScreen.OpenVoteAsync("startup-zzp");
        await firstScreen.VoteAsync("For");
        await Assertions.Expect(firstScreen.MyVote).ToContainTextAsync("Voor");
        await secondScreen.VoteAsync("Against");
        await Assertions.Expect(secondScreen.MyVote).ToContainTextAsync("Tegen");

        // The outage is deliberate: the failed reconnects it causes are expected until each page has reloaded.
        var outages = new[] { chair, first, second }.Select(p => BrowserProblems.Outage(p.Context)).ToList();
        await app.KillAsync();
        var modal = first.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await Assertions.Expect(modal.Locator("p:visible")).ToHaveCountAsync(1);
        // The first message, or, when the first attempt failed at once, the countdown: never both.
        await Assertions.Expect(modal.Locator("p:visible")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^\s*(Verbinding met de server wordt hersteld…|Verbinden mislukt\. Nieuwe poging over \d+ s\.)\s*$"));

        // The next attempts: the countdown replaces the first message instead of appearing beside it.
        await Assertions.Expect(modal.GetByText("Nieuwe poging over")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(modal.Locator("p:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(modal.GetByText("Verbinding met de server wordt hersteld…")).ToBeHiddenAsync();

        await app.StartAsync();
        foreach (var page in new[] { chair, first, second })
        {
            await page.GotoAsync(url);
            await BrowserFixture.WaitUntilInteractiveAsync(page);
        }

        outages.ForEach(o => o.Dispose());

        await Assertions.Expect(chairScreen.Status).ToHaveTextAsync("geopend");
        await Assertions.Expect(chairScreen.Presence(DemoPersons.BusinessMember)).ToHaveAttributeAsync("data-state", "present");
        await Assertions.Expect(chairScreen.AgendaItemOnFloor).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(first.GetByTestId("not-yet-voted-member")).ToHaveTextAsync(["Marieke Jansen"]);
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("2 van 3 stemmen");
        await Assertions.Expect(firstScreen.MyVote).ToContainTextAsync("Voor");
        await Assertions.Expect(secondScreen.MyVote).ToContainTextAsync("Tegen");

        // And the session goes on: the chair votes and closes.
        await chairScreen.VoteAsync("For");
        await Assertions.Expect(firstScreen.VoteCount).ToHaveTextAsync("3 van 3 stemmen");
        await chairScreen.CloseVoteAsync("Na herstart afgerond.");
        await Assertions.Expect(second.GetByTestId("outcome")).ToContainTextAsync("aangenomen");
        await Assertions.Expect(second.GetByTestId("tally")).ToHaveTextAsync("2 voor, 1 tegen, 0 onthouding");
        foreach (var page in new[] { chair, first, second })
        {
            BrowserProblems.AssertNone(page);
        }
    }
}
