using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>
/// The recused chair hands the item to another member in the browser, every
/// screen shows who chairs it, and the new chair asks the applicant for more information, which reaches the
/// applicant's screen live. Its own app (the demo meeting is opened here) — three signed-in browser contexts.
/// </summary>
public sealed class HandOverBrowserTests(LiveBrowserFixture fixture) : IClassFixture<LiveBrowserFixture>
{
    // Live updates must arrive; how fast is measured by bench/KIP.LiveBench, not on a busy test machine.
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task The_recused_chair_hands_the_item_over_and_the_new_chair_asks_the_applicant_for_more_information_live()
    {
        var presence = fixture.App.Services.GetRequiredService<PresenceTracker>();
        var meeting = await fixture.PlannedMeetingAsync();

        var url = SessionPage.UrlFor(meeting);
        var chair = await fixture.SignInAsync(DemoPersons.Chair, url);
        var chairScreen = new ReviewSessionScreen(chair);
        var member = await fixture.SignInAsync(DemoPersons.SroiZuidKennemerlandMember, url);
        var memberScreen = new ReviewSessionScreen(member);
        var applicant = await fixture.SignInAsync(DemoPersons.Entrepreneur, "/mijn-organisatie");
        await Assertions.Expect(applicant.GetByTestId("application-status")).ToHaveAttributeAsync("data-status", "InReview");
        await presence.EnterAsync(meeting, DemoPersons.BusinessMember);
        await presence.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await presence.EnterAsync(meeting, DemoPersons.WerkInkomenMember);
        await Assertions.Expect(chairScreen.Presence(DemoPersons.WerkInkomenMember)).ToHaveAttributeAsync("data-present", "yes");

        await chairScreen.OpenMovingToTodayAsync();
        await Assertions.Expect(memberScreen.Status).ToHaveTextAsync("geopend", Live);
        await Assertions.Expect(memberScreen.ActingChair).ToHaveTextAsync("Marieke Jansen");
        await Assertions.Expect(member.GetByTestId("open-vote")).ToHaveCountAsync(0);

        // The chair declares a conflict of interest, then hands the item to Joost Visser.
        await chair.GetByTestId("recuse-self").ClickAsync();
        await Assertions.Expect(member.GetByTestId("recused")).ToContainTextAsync("Marieke Jansen", new() { Timeout = 15_000 });
        await BrowserFixture.AssertAccessibleAsync(chair);
        await chair.GetByTestId("member-select").ClickAsync();
        await chair.GetByRole(AriaRole.Option, new() { Name = "Joost Visser" }).ClickAsync();
        await chair.GetByTestId("hand-over").ClickAsync();

        await Assertions.Expect(memberScreen.ActingChair).ToHaveTextAsync("Joost Visser", Live);
        await Assertions.Expect(chairScreen.ActingChair).ToHaveTextAsync("Joost Visser");
        await Assertions.Expect(chair.GetByTestId("chair-tools")).ToHaveCountAsync(0);
        await Assertions.Expect(member.GetByTestId("open-vote")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(member);

        // The new chair asks for more information instead of a motion: the applicant sees it, the item leaves the floor.
        const string question = "Kunt u het aantal leerwerkplekken van dit jaar toelichten?";
        await member.GetByLabel("Vraag aan de aanvrager").FillAsync(question);
        await member.GetByTestId("request-information").ClickAsync();

        await Assertions.Expect(applicant.GetByTestId("application-status")).ToHaveAttributeAsync("data-status", "MoreInformationRequested", new() { Timeout = 15_000 });
        await Assertions.Expect(applicant.GetByTestId("application-question")).ToContainTextAsync(question);
        await Assertions.Expect(chair.GetByTestId("agenda")).ToContainTextAsync("meer informatie gevraagd", new() { Timeout = 15_000 });
        await Assertions.Expect(chair.GetByTestId("closed-motion")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(applicant);
        await BrowserFixture.AssertAccessibleAsync(chair);
    }
}
