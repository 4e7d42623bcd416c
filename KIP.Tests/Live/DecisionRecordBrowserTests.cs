using System.Globalization;
using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Commission;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>
/// The chair opens the demo meeting (planned in two weeks) today after confirming
/// the move, Henk Smit uses two tabs and steps away, the session is closed, and the decision list carries today's
/// date with one attendance line per person. The coordinator then finds it through the archive, and the chair
/// reaches it from the application. Its own app: the demo meeting is opened and closed here.
/// </summary>
public sealed class DecisionRecordBrowserTests(LiveBrowserFixture fixture) : IClassFixture<LiveBrowserFixture>
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

    [Fact]
    public async Task A_meeting_held_today_is_moved_to_today_recorded_per_person_and_found_by_the_coordinator_in_the_archive()
    {
        var sessions = fixture.App.Services.GetRequiredService<ReviewSessionCommands>();
        var views = fixture.App.Services.GetRequiredService<ReviewSessionQueries>();
        var presence = fixture.App.Services.GetRequiredService<PresenceTracker>();
        var meeting = await fixture.PlannedMeetingAsync();
        var today = AmsterdamCalendar.Today(TimeProvider.System);
        var planned = (await views.LoadAsync(meeting, DemoPersons.Chair))!.Date;
        var url = SessionPage.UrlFor(meeting);

        // The chair finds the meeting on the commission's page: three applications, in the plural.
        var chair = await fixture.SignInAsync(DemoPersons.Chair, CommissionHome.Url);
        await Assertions.Expect(chair.GetByTestId("planned-meeting")).ToContainTextAsync("(3 aanvragen op de agenda)");
        await chair.GetByTestId("session-link").ClickAsync();
        await Assertions.Expect(chair.GetByTestId("open-session")).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(chair);

        // Henk Smit opens the session in two tabs; two more members join.
        var henk = await fixture.SignInAsync(DemoPersons.WerkInkomenMember, url);
        var henkSecondTab = await henk.Context.NewPageAsync();
        await henkSecondTab.GotoAsync(url);
        await BrowserFixture.WaitUntilInteractiveAsync(henkSecondTab);
        await presence.EnterAsync(meeting, DemoPersons.BusinessMember);
        await presence.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        var henkPresence = chair.GetByTestId($"presence-{DemoPersons.WerkInkomenMember}");
        await Assertions.Expect(henkPresence).ToHaveAttributeAsync("data-present", "yes");

        // Opening two weeks early asks first; cancelling changes nothing.
        await chair.GetByTestId("open-session").ClickAsync();
        var dialog = chair.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"De vergadering was gepland op {Day(planned)}; vandaag openen en de datum verplaatsen naar {Day(today)}?");
        await BrowserFixture.AssertAccessibleAsync(chair);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(chair.GetByTestId("session-status")).ToHaveTextAsync("gepland");
        await Assertions.Expect(chair.GetByTestId("session-heading")).ToContainTextAsync(Day(planned));

        await new ReviewSessionScreen(chair).OpenMovingToTodayAsync();
        await Assertions.Expect(chair.GetByTestId("session-heading")).ToContainTextAsync(Day(today));
        await Assertions.Expect(henk.GetByTestId("session-status")).ToHaveTextAsync("geopend");

        // Henk leaves the second tab (still present), then the first (away), then comes back.
        await henkSecondTab.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Commissie", Exact = true }).ClickAsync();
        await Assertions.Expect(henkSecondTab).ToHaveURLAsync(fixture.App.BaseUrl + CommissionHome.Url);
        await Assertions.Expect(henkPresence).ToHaveAttributeAsync("data-present", "yes");
        await henk.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Commissie", Exact = true }).ClickAsync();
        await Assertions.Expect(henk).ToHaveURLAsync(fixture.App.BaseUrl + CommissionHome.Url);
        await Assertions.Expect(henkPresence).ToHaveAttributeAsync("data-present", "no");
        await Assertions.Expect(henk.GetByTestId("planned-meeting")).ToContainTextAsync("geopend");
        await henk.GetByTestId("session-link").ClickAsync();
        await Assertions.Expect(henkPresence).ToHaveAttributeAsync("data-present", "yes");

        // A tied vote on the first item.
        await chair.Locator("[data-testid=criterion-startup-zzp] input, input[data-testid=criterion-startup-zzp]").First.CheckAsync();
        await chair.GetByTestId("open-vote").ClickAsync();
        await chair.GetByTestId("vote-For").ClickAsync();
        await henk.GetByTestId("vote-Against").ClickAsync();
        await Assertions.Expect(henk.GetByTestId("my-vote")).ToContainTextAsync("Tegen");
        var motion = (await views.LoadAsync(meeting, DemoPersons.Chair))!.OnTheFloor!.OpenMotion!.Id;
        await sessions.CastVoteAsync(meeting, motion, VoteChoice.Abstain, DemoPersons.BusinessMember).DoneAsync();
        await Assertions.Expect(chair.GetByTestId("vote-count")).ToHaveTextAsync("3 van 4 stemmen");
        await chair.GetByLabel("Motivering van het besluit").FillAsync("De stemmen staakten; volgende vergadering opnieuw.");
        await chair.GetByTestId("close-vote").ClickAsync();
        await Assertions.Expect(henk.GetByTestId("outcome")).ToContainTextAsync("Uitgesteld: de stemmen staakten");
        await Assertions.Expect(henk.GetByTestId("outcome")).Not.ToContainTextAsync("— uitgesteld");

        await chair.GetByTestId("close-session").ClickAsync();
        await chair.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sessie sluiten" }).ClickAsync();
        await Assertions.Expect(chair.GetByTestId("session-status")).ToHaveTextAsync("gesloten");

        // The decision list: today's date, one line per person (Henk once, with his time away).
        await chair.GetByTestId("decision-list-link").ClickAsync();
        await Assertions.Expect(chair.GetByTestId("decision-list-heading")).ToContainTextAsync(Day(today));
        await Assertions.Expect(chair.GetByTestId("decision-list-heading")).Not.ToContainTextAsync("gepland op");
        await Assertions.Expect(chair.GetByTestId("attendance-line")).ToHaveCountAsync(4);
        var henkLine = chair.Locator($"[data-testid=attendance-line][data-person='{DemoPersons.WerkInkomenMember}']");
        await Assertions.Expect(henkLine).ToHaveCountAsync(1);
        await Assertions.Expect(henkLine).ToContainTextAsync("Henk Smit: ");
        await Assertions.Expect(henkLine).ToContainTextAsync(", afwezig ");
        await Assertions.Expect(chair.GetByTestId("decision-outcome")).ToContainTextAsync("Uitgesteld: de stemmen staakten");
        await BrowserFixture.AssertAccessibleAsync(chair);

        // The chair reaches the decision from the application's page.
        var application = (await views.LoadAsync(meeting, DemoPersons.Chair))!.Items[0].ApplicationId;
        await BrowserFixture.VisitAsync(chair, $"/commissie/aanvragen/{application}");
        await Assertions.Expect(chair.GetByTestId("application-decision")).ToContainTextAsync($"Besluit van {Day(today)} (uitgesteld) — bekijk besluitenlijst");
        await chair.GetByTestId("application-decision-link").ClickAsync();
        await Assertions.Expect(chair).ToHaveURLAsync(fixture.App.BaseUrl + DecisionList.UrlFor(meeting));

        // The coordinator (Ahmed Yilmaz) finds it through the menu: newest first, one decision, then the list.
        var coordinator = await fixture.SignInAsync(DemoPersons.Coordinator, "/coordinatie");
        await coordinator.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Vergaderarchief" }).ClickAsync();
        await Assertions.Expect(coordinator).ToHaveURLAsync(fixture.App.BaseUrl + MeetingArchive.Url);
        var first = coordinator.GetByTestId("held-meeting").First;
        await Assertions.Expect(first).ToContainTextAsync(Day(today));
        await Assertions.Expect(first).ToContainTextAsync("1 besluit");
        await Assertions.Expect(coordinator.GetByTestId("held-meeting")).ToHaveCountAsync(2);
        await BrowserFixture.AssertAccessibleAsync(coordinator);
        await first.GetByTestId("archive-decision-list").ClickAsync();
        await Assertions.Expect(coordinator).ToHaveURLAsync(fixture.App.BaseUrl + DecisionList.UrlFor(meeting));
        await Assertions.Expect(coordinator.GetByTestId("decision-list-heading")).ToContainTextAsync(Day(today));
        await Assertions.Expect(coordinator.GetByTestId("attendance-line")).ToHaveCountAsync(4);
        await Assertions.Expect(coordinator.GetByText("Naar de sessie")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(coordinator);
    }
}
