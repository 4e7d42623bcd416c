using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>
/// Rulebook §6 (recusal), and a session page read at a glance: Pieter declares a conflict on Taalcafé Velsen on /commissie
/// ahead of the session; when that item comes to the floor he is recused exactly as if he had declared it there.
/// Chair, Pieter and Joost in three browser contexts (two more members through their presence), and after each
/// step the page shows its state at a glance: chips, the agenda's marked item, "n van m stemmen", the result card.
/// </summary>
public sealed class ConflictDeclaredAheadBrowserTests(LiveBrowserFixture fixture) : IClassFixture<LiveBrowserFixture>
{
    // Live updates must arrive; how fast is measured by bench/KIP.LiveBench, not on a busy test machine.
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };
    private Task<IPage> SignInAsync(Guid person, string path) => fixture.SignInAsync(person, path);

    [Fact]
    public async Task A_conflict_declared_on_commissie_recuses_Pieter_when_the_item_comes_to_the_floor()
    {
        var sessions = fixture.App.Services.GetRequiredService<ReviewSessionCommands>();
        var views = fixture.App.Services.GetRequiredService<ReviewSessionQueries>();
        var presence = fixture.App.Services.GetRequiredService<PresenceTracker>();
        var meeting = await fixture.PlannedMeetingAsync();
        var url = SessionPage.UrlFor(meeting);

        // Pieter declares on /commissie, withdraws it (the item is not on the floor yet) and declares it again.
        var pieter = await SignInAsync(DemoPersons.BusinessMember, "/commissie");
        var pieterScreen = new ReviewSessionScreen(pieter);
        await pieter.GetByRole(AriaRole.Link, new() { Name = "Taalcafé Velsen" }).ClickAsync();
        await Assertions.Expect(pieter.GetByTestId("conflict")).ToHaveCountAsync(0);
        await pieter.GetByLabel("Reden van uw belangenconflict").FillAsync("Ik ben vrijwilliger bij het Taalcafé.");
        await pieter.GetByTestId("conflict-submit").ClickAsync();
        await Assertions.Expect(pieter.GetByTestId("conflict")).ToContainTextAsync("Pieter Bakker");
        await pieter.GetByTestId("conflict-withdraw").ClickAsync();
        await Assertions.Expect(pieter.GetByTestId("conflict")).ToHaveCountAsync(0);
        await pieter.GetByLabel("Reden van uw belangenconflict").FillAsync("Ik ben vrijwilliger bij het Taalcafé.");
        await pieter.GetByTestId("conflict-submit").ClickAsync();
        await Assertions.Expect(pieter.GetByTestId("conflict")).ToContainTextAsync("vrijwilliger");
        var applicationPage = new Uri(pieter.Url).AbsolutePath;

        // Marieke opens the session from /commissie; Pieter and Joost join; two more members arrive.
        var chair = await SignInAsync(DemoPersons.Chair, "/commissie");
        var chairScreen = new ReviewSessionScreen(chair);
        await chair.GetByTestId("session-link").First.ClickAsync();
        await Assertions.Expect(chair.GetByTestId("open-session")).ToBeVisibleAsync();
        await pieter.GotoAsync(url);
        await BrowserFixture.WaitUntilInteractiveAsync(pieter);
        var joost = await SignInAsync(DemoPersons.SroiZuidKennemerlandMember, url);
        var joostScreen = new ReviewSessionScreen(joost);
        await Assertions.Expect(chairScreen.Presence(DemoPersons.BusinessMember)).ToHaveAttributeAsync("data-state", "present");
        await Assertions.Expect(chairScreen.Presence(DemoPersons.WerkInkomenMember)).ToHaveAttributeAsync("data-state", "absent");
        await Assertions.Expect(chair.GetByTestId("presence-count")).ToHaveTextAsync("3 leden van de 5 aanwezig");
        await using var fatima = await presence.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await using var henk = await presence.EnterAsync(meeting, DemoPersons.WerkInkomenMember);
        await Assertions.Expect(chairScreen.Presence(DemoPersons.WerkInkomenMember)).ToHaveAttributeAsync("data-state", "present");

        await chairScreen.OpenMovingToTodayAsync();
        await Assertions.Expect(joostScreen.Status).ToHaveTextAsync("geopend");
        await Assertions.Expect(joostScreen.ItemOnFloor).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(joostScreen.AgendaItemOnFloor).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(joostScreen.Quorum).ToContainTextAsync("Quorum gehaald: 5 aanwezig, 3 nodig");
        await Assertions.Expect(pieter.GetByTestId("eligible")).ToHaveTextAsync("5 leden stemgerechtigd");
        await Assertions.Expect(pieter.GetByTestId("you-do-not-vote")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(chair);

        // The first item: a vote in which Pieter takes part, counted and named at the close.
        await chairScreen.OpenVoteAsync("startup-zzp");
        await Assertions.Expect(pieterScreen.VoteCount).ToHaveTextAsync("0 van 5 stemmen");
        await Assertions.Expect(pieter.GetByTestId("not-yet-voted-member")).ToHaveCountAsync(5);
        await pieterScreen.VoteAsync("For");
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("1 van 5 stemmen", Live);
        await Assertions.Expect(chairScreen.NotYetVoted).Not.ToContainTextAsync("Pieter Bakker");
        await Assertions.Expect(chair.GetByTestId("vote-progress")).ToHaveAttributeAsync("aria-valuenow", "1");
        await joostScreen.VoteAsync("For");
        await chairScreen.VoteAsync("For");
        await Assertions.Expect(joostScreen.VoteCount).ToHaveTextAsync("3 van 5 stemmen", Live);
        await Assertions.Expect(joost.GetByTestId("not-yet-voted-member")).ToHaveTextAsync(["Fatima El Amrani", "Henk Smit"]);
        Assert.DoesNotContain("named-vote", await joost.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(joost);
        await chairScreen.CloseVoteAsync("Starter met een duidelijke sociale missie.");
        var card = pieter.GetByTestId("closed-motion");
        await Assertions.Expect(card.GetByTestId("outcome")).ToContainTextAsync("aangenomen");
        await Assertions.Expect(card.GetByTestId("tally")).ToHaveTextAsync("3 voor, 0 tegen, 0 onthouding");
        await Assertions.Expect(card.GetByTestId("named-vote")).ToHaveCountAsync(3);
        await Assertions.Expect(card.GetByTestId("result-motivation")).ToContainTextAsync("Starter met een duidelijke sociale missie.");

        // Taalcafé Velsen comes to the floor: Pieter is recused because he declared it ahead.
        await Assertions.Expect(pieterScreen.ItemOnFloor).ToContainTextAsync("Taalcafé Velsen");
        await Assertions.Expect(pieterScreen.AgendaItemOnFloor).ToContainTextAsync("Taalcafé Velsen");
        await Assertions.Expect(pieter.GetByTestId("you-do-not-vote")).ToContainTextAsync("U stemt niet mee over dit punt.");
        await Assertions.Expect(pieter.GetByTestId("you-do-not-vote")).ToContainTextAsync("teruggetrokken wegens belang (vooraf gemeld)");
        await Assertions.Expect(pieter.GetByTestId("recuse-self")).ToHaveCountAsync(0);
        await Assertions.Expect(joost.GetByTestId("eligible")).ToHaveTextAsync("4 leden stemgerechtigd");
        await Assertions.Expect(joostScreen.Quorum).ToContainTextAsync("Quorum gehaald: 4 aanwezig, 3 nodig");
        await Assertions.Expect(joost.GetByTestId("recused-member")).ToHaveTextAsync("Pieter Bakker: teruggetrokken wegens belang (vooraf gemeld)");
        await Assertions.Expect(chairScreen.Presence(DemoPersons.BusinessMember)).ToHaveAttributeAsync("data-state", "recused");
        await BrowserFixture.AssertAccessibleAsync(pieter);

        await chairScreen.OpenVoteAsync("non-profit");
        await Assertions.Expect(joostScreen.VoteCount).ToHaveTextAsync("0 van 4 stemmen");
        await Assertions.Expect(pieterScreen.VoteCount).ToHaveTextAsync("0 van 4 stemmen");
        await Assertions.Expect(pieter.GetByTestId("open-motion").GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(joostScreen.NotYetVoted).Not.ToContainTextAsync("Pieter Bakker");

        // Whatever Pieter's screen sends, the domain refuses his vote; and his declaration can no longer be withdrawn.
        var motion = (await views.LoadAsync(meeting, DemoPersons.BusinessMember))!.OnTheFloor!.OpenMotion!.Id;
        var refusal = await sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).RefusalAsync();
        Assert.Equal("vote.recused", refusal.Code);
        var review = await pieter.Context.NewPageAsync();
        await review.GotoAsync(applicationPage);
        await BrowserFixture.WaitUntilInteractiveAsync(review);
        await review.GetByTestId("conflict-withdraw").ClickAsync();
        await Assertions.Expect(review.GetByTestId("conflict-withdraw-error")).ToContainTextAsync("al in behandeling");
        await review.CloseAsync();

        await joostScreen.VoteAsync("Against");
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("1 van 4 stemmen", Live);
        await chairScreen.VoteAsync("For");
        await sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.SroiIJmondMember).DoneAsync();
        await sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.WerkInkomenMember).DoneAsync();
        await Assertions.Expect(pieterScreen.VoteCount).ToHaveTextAsync("4 van 4 stemmen", Live);
        await chairScreen.CloseVoteAsync("Stichting zonder winstoogmerk.");
        await Assertions.Expect(chair.GetByTestId("session-error")).ToHaveCountAsync(0);
        var taalcafe = joost.GetByTestId("closed-motion").Filter(new() { HasText = "Taalcafé Velsen" });
        await Assertions.Expect(taalcafe.GetByTestId("tally")).ToHaveTextAsync("3 voor, 1 tegen, 0 onthouding");
        await Assertions.Expect(taalcafe.GetByTestId("named-vote")).Not.ToContainTextAsync(["Pieter Bakker"]);

        // The decision list names the recusal and why.
        await BrowserFixture.VisitAsync(joost, DecisionList.UrlFor(meeting));
        await Assertions.Expect(joost.GetByTestId("recusal")).ToHaveTextAsync("Taalcafé Velsen: Pieter Bakker, teruggetrokken wegens belang (vooraf gemeld)");
        BrowserProblems.AssertNone(joost);
        BrowserProblems.AssertNone(pieter);
        BrowserProblems.AssertNone(chair);
    }
}
