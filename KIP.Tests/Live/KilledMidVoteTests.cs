using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>
/// KIP.Web killed (SIGKILL) in the middle of a vote and started again on the same data: every
/// vote a member saw confirmed is still there, the lost connection was shown, and reloaded pages show the truth.
/// </summary>
public sealed class KilledMidVoteTests
{
    private static async Task<IPage> SignInAsync(IBrowser browser, AppProcess app, Guid person, string path)
    {
        var context = await BrowserFixture.NewContextAsync(browser, app.BaseUrl, timeout: 20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.GetByTestId($"demo-{person}").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task Votes_confirmed_before_the_kill_are_all_there_after_the_restart()
    {
        await using var app = new AppProcess();
        await app.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);

        var chair = await SignInAsync(browser, app, DemoPersons.Chair, "/commissie");
        await chair.GetByTestId("session-link").First.ClickAsync();
        await Assertions.Expect(chair.GetByTestId("open-session")).ToBeVisibleAsync();
        var url = new Uri(chair.Url).AbsolutePath;
        var first = await SignInAsync(browser, app, DemoPersons.BusinessMember, url);
        var second = await SignInAsync(browser, app, DemoPersons.SroiIJmondMember, url);
        await Assertions.Expect(chair.GetByTestId($"presence-{DemoPersons.SroiIJmondMember}")).ToHaveAttributeAsync("data-present", "yes");

        await LiveBrowserFixture.OpenMovingToTodayAsync(chair);
        await chair.Locator("[data-testid=criterion-startup-zzp] input, input[data-testid=criterion-startup-zzp]").First.CheckAsync();
        await chair.GetByTestId("open-vote").ClickAsync();
        await first.GetByTestId("vote-For").ClickAsync();
        await Assertions.Expect(first.GetByTestId("my-vote")).ToContainTextAsync("Voor");
        await second.GetByTestId("vote-Against").ClickAsync();
        await Assertions.Expect(second.GetByTestId("my-vote")).ToContainTextAsync("Tegen");

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

        await Assertions.Expect(chair.GetByTestId("session-status")).ToHaveTextAsync("geopend");
        await Assertions.Expect(chair.GetByTestId($"presence-{DemoPersons.BusinessMember}")).ToHaveAttributeAsync("data-state", "present");
        await Assertions.Expect(chair.Locator("[data-testid=agenda-item][data-on-floor=yes]")).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(first.GetByTestId("not-yet-voted-member")).ToHaveTextAsync(["Marieke Jansen"]);
        await Assertions.Expect(chair.GetByTestId("vote-count")).ToHaveTextAsync("2 van 3 stemmen");
        await Assertions.Expect(first.GetByTestId("my-vote")).ToContainTextAsync("Voor");
        await Assertions.Expect(second.GetByTestId("my-vote")).ToContainTextAsync("Tegen");

        // And the session goes on: the chair votes and closes.
        await chair.GetByTestId("vote-For").ClickAsync();
        await Assertions.Expect(first.GetByTestId("vote-count")).ToHaveTextAsync("3 van 3 stemmen");
        await chair.GetByLabel("Motivering van het besluit").FillAsync("Na herstart afgerond.");
        await chair.GetByTestId("close-vote").ClickAsync();
        await Assertions.Expect(second.GetByTestId("outcome")).ToContainTextAsync("aangenomen");
        await Assertions.Expect(second.GetByTestId("tally")).ToHaveTextAsync("2 voor, 1 tegen, 0 onthouding");
        foreach (var page in new[] { chair, first, second })
        {
            BrowserProblems.AssertNone(page);
        }
    }
}
