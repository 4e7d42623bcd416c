using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Live;

/// <summary>Its own app (the demo meeting is opened and decided here) and Debian's Chromium.</summary>
public sealed class LiveBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KipAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>A new browser context signed in as a demo person through the real OpenID Connect flow, on <paramref name="path"/>, interactive.</summary>
    public Task<IPage> SignInAsync(Guid person, string path) => BrowserSignIn.AsAsync(Browser, App.BaseUrl, person, path, timeout: 30_000);

    /// <summary>The demo data's planned meeting.</summary>
    public async Task<Guid> PlannedMeetingAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        return (await db.Meetings.SingleAsync(m => m.Status == MeetingStatus.Planned)).Id;
    }

    public async Task InitializeAsync()
    {
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// Chair, member and applicant in three browser contexts, each signed in through the real OpenID
/// Connect flow of the embedded provider; what one does appears in the others live (how fast: bench/KIP.LiveBench).
/// </summary>
public sealed class LiveSessionBrowserTests(LiveBrowserFixture fixture) : IClassFixture<LiveBrowserFixture>
{
    // Live updates must arrive; how fast is measured by bench/KIP.LiveBench, not on a busy test machine.
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_vote_cast_in_one_screen_appears_in_the_others_within_a_second_and_the_decision_reaches_the_applicant()
    {
        var sessions = fixture.App.Services.GetRequiredService<ReviewSessionCommands>();
        var views = fixture.App.Services.GetRequiredService<ReviewSessionQueries>();
        var presence = fixture.App.Services.GetRequiredService<PresenceTracker>();
        var meeting = await fixture.PlannedMeetingAsync();

        var url = SessionPage.UrlFor(meeting);
        var chair = await fixture.SignInAsync(DemoPersons.Chair, url);
        var chairScreen = new ReviewSessionScreen(chair);
        var member = await fixture.SignInAsync(DemoPersons.SroiZuidKennemerlandMember, url);
        var memberScreen = new ReviewSessionScreen(member);
        var applicant = await fixture.SignInAsync(DemoPersons.Entrepreneur, "/mijn-organisatie");
        await Assertions.Expect(applicant.GetByTestId("application-status")).ToHaveAttributeAsync("data-status", "InReview");
        await Assertions.Expect(memberScreen.Presence(DemoPersons.Chair)).ToHaveAttributeAsync("data-present", "yes");

        // Two more members arrive (their circuits are not browsers here); the quorum is recounted on every screen.
        await presence.EnterAsync(meeting, DemoPersons.BusinessMember);
        await presence.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await Assertions.Expect(chairScreen.Presence(DemoPersons.SroiIJmondMember)).ToHaveAttributeAsync("data-present", "yes", new() { Timeout = 15_000 });

        await chairScreen.OpenMovingToTodayAsync();
        await Assertions.Expect(memberScreen.Status).ToHaveTextAsync("geopend", Live);
        await Assertions.Expect(memberScreen.Quorum).ToHaveAttributeAsync("data-has-quorum", "yes");

        await chairScreen.OpenVoteAsync("startup-zzp");
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("0 van 4 stemmen", Live);
        await BrowserFixture.AssertAccessibleAsync(member);

        await memberScreen.VoteAsync("For");
        await Assertions.Expect(chairScreen.VoteCount).ToHaveTextAsync("1 van 4 stemmen", Live);
        await Assertions.Expect(chairScreen.NotYetVoted).Not.ToContainTextAsync("Joost Visser", new() { Timeout = 15_000 });
        await Assertions.Expect(memberScreen.MyVote).ToContainTextAsync("Voor");

        // No screen is sent who voted what while the vote is open.
        Assert.DoesNotContain("named-vote", await chair.ContentAsync(), StringComparison.Ordinal);

        var view = (await views.LoadAsync(meeting, DemoPersons.Chair))!;
        var motion = view.OnTheFloor!.OpenMotion!.Id;
        await sessions.CastVoteAsync(meeting, motion, VoteChoice.For, DemoPersons.BusinessMember).DoneAsync();
        await sessions.CastVoteAsync(meeting, motion, VoteChoice.Abstain, DemoPersons.SroiIJmondMember).DoneAsync();
        await chairScreen.VoteAsync("Against");
        await Assertions.Expect(memberScreen.VoteCount).ToHaveTextAsync("4 van 4 stemmen", Live);
        await BrowserFixture.AssertAccessibleAsync(chair);

        await chair.GetByTestId("close-vote").ClickAsync();
        await Assertions.Expect(chair.GetByText("Vul de motivering van het besluit in; zonder motivering kan de stemming niet sluiten.")).ToBeVisibleAsync();
        await chairScreen.CloseVoteAsync("Starter met een duidelijke sociale missie.");

        await Assertions.Expect(member.GetByTestId("outcome")).ToContainTextAsync("aangenomen", new() { Timeout = 15_000 });
        await Assertions.Expect(member.GetByTestId("named-vote")).ToHaveCountAsync(4);
        await Assertions.Expect(applicant.GetByTestId("application-status")).ToHaveAttributeAsync("data-status", "Recognised", new() { Timeout = 15_000 });
        await BrowserFixture.AssertAccessibleAsync(member);

        await BrowserFixture.VisitAsync(member, DecisionList.UrlFor(meeting));
        await Assertions.Expect(member.GetByTestId("decision-vote")).ToHaveCountAsync(4);

        // The accepted criterion with its last valid day (startup-zzp: the grace period's end date).
        var graceEnd = KIP.Domain.RecognitionPolicy.GraceEndDate(KIP.Domain.AmsterdamCalendar.Today(TimeProvider.System));
        var accepted = member.GetByTestId("decision-accepted");
        await Assertions.Expect(accepted).ToHaveAttributeAsync("data-criterion", "startup-zzp");
        await Assertions.Expect(accepted).ToHaveAttributeAsync("data-valid-until", graceEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(accepted).ToContainTextAsync("geldig tot en met " + graceEnd.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")));
    }
}
