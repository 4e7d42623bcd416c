using System.Globalization;
using Bunit;
using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Commission;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Live;

/// <summary>
/// The record says what happened when. A meeting planned two weeks ahead is opened today (moved,
/// after the chair's confirmation — decision 010), runs past midnight, and its decision list carries the day it was
/// held, each time with its date where the day differs, one attendance line per person, and why an item was
/// deferred. The archive lists it, newest first. The clock is fake, so "after midnight" is a real next day.
/// </summary>
public sealed class DecisionRecordTests : BunitContext, IAsyncLifetime
{
    private static readonly Guid Chair = DemoPersons.Chair;
    private static readonly Guid Henk = DemoPersons.WerkInkomenMember;
    private readonly DateOnly _today = AmsterdamCalendar.Today(TimeProvider.System);
    private readonly FakeTimeProvider _time;
    private readonly SlimKip _app;

    public DecisionRecordTests()
    {
        // The clock starts early on today's date, so the steps at fixed hours below never go back in time, whenever the suite runs.
        var morning = _today.ToDateTime(new TimeOnly(7, 0));
        _time = new FakeTimeProvider(new DateTimeOffset(morning, AmsterdamCalendar.Zone.GetUtcOffset(morning)));
        _app = new SlimKip(_time);
        SlimKip.AddComponentBasics(this);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    private IDbContextFactory<KipDbContext> Db => _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    private ReviewSessionCommands Sessions => _app.Services.GetRequiredService<ReviewSessionCommands>();

    private ReviewSessionQueries Views => _app.Services.GetRequiredService<ReviewSessionQueries>();

    private PresenceTracker Presence => _app.Services.GetRequiredService<PresenceTracker>();

    public Task InitializeAsync()
    {
        Services.AddSingleton(Db);
        Services.AddSingleton(Sessions);
        Services.AddSingleton(Views);
        Services.AddScoped<MeetingArchiveService>();
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    private void At(int addDays, int hour, int minute)
    {
        var local = _today.AddDays(addDays).ToDateTime(new TimeOnly(hour, minute));
        _time.SetUtcNow(new DateTimeOffset(local, AmsterdamCalendar.Zone.GetUtcOffset(local)));
    }

    private static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl-NL"));

    private async Task<Meeting> MeetingAsync(Guid id)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_meeting_opened_two_weeks_early_moves_only_when_the_chair_confirms_and_its_decision_list_carries_the_day_held()
    {
        var planned = _today.AddDays(14);
        var (meeting, items, _) = await LiveApp.PlanMeetingAsync(Db, LiveApp.Taalcafe, "non-profit", "non-profit");
        await using (var db = await Db.CreateDbContextAsync())
        {
            await db.Meetings.Where(m => m.Id == meeting).ExecuteUpdateAsync(m => m.SetProperty(x => x.Date, planned));
        }

        At(0, 14, 0);
        await Presence.EnterAsync(meeting, Chair);
        await Presence.EnterAsync(meeting, DemoPersons.BusinessMember);
        await Presence.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await Presence.EnterAsync(meeting, DemoPersons.SroiZuidKennemerlandMember);
        var henkTab1 = await Presence.EnterAsync(meeting, Henk);

        // Without the chair's confirmation KIP.Domain refuses; a member cannot move it either.
        Assert.Equal("session.other-day", (await Sessions.OpenAsync(meeting, Chair).RefusalAsync()).Code);
        Assert.Equal("item.not-chair", (await Sessions.OpenAsync(meeting, Henk, moveToToday: true).RefusalAsync()).Code);
        Assert.Equal((MeetingStatus.Planned, planned), ((await MeetingAsync(meeting)).Status, (await MeetingAsync(meeting)).Date));

        await Sessions.OpenAsync(meeting, Chair, moveToToday: true).DoneAsync();
        Assert.Equal((MeetingStatus.Open, _today), ((await MeetingAsync(meeting)).Status, (await MeetingAsync(meeting)).Date));
        await using (var db = await Db.CreateDbContextAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "session.move" && a.Subject == meeting.ToString()));
        }

        // Henk: a second tab, the first closed, then the second (away), then back.
        At(0, 14, 10);
        var henkTab2 = await Presence.EnterAsync(meeting, Henk);
        At(0, 14, 20);
        await henkTab1.DisposeAsync();
        At(0, 14, 30);
        await henkTab2.DisposeAsync();
        At(0, 14, 35);
        await Presence.EnterAsync(meeting, Henk);

        // The first item is tied just before midnight and closed after it; the second gets too few votes.
        At(0, 23, 50);
        var tie = await Sessions.OpenMotionAsync(meeting, items[0], MotionKind.Recognise, [CriterionCode.NonProfit], Chair).ValueAsync();
        await Sessions.CastVoteAsync(meeting, tie, VoteChoice.For, Chair).DoneAsync();
        await Sessions.CastVoteAsync(meeting, tie, VoteChoice.Against, DemoPersons.BusinessMember).DoneAsync();
        await Sessions.CastVoteAsync(meeting, tie, VoteChoice.Abstain, DemoPersons.SroiIJmondMember).DoneAsync();
        At(1, 0, 10);
        await Sessions.CloseMotionAsync(meeting, tie, "De stemmen staakten.", null, Chair).DoneAsync();
        At(1, 0, 11);
        var few = await Sessions.OpenMotionAsync(meeting, items[1], MotionKind.Recognise, [CriterionCode.NonProfit], Chair).ValueAsync();
        await Sessions.CastVoteAsync(meeting, few, VoteChoice.For, Chair).DoneAsync();
        await Sessions.CastVoteAsync(meeting, few, VoteChoice.For, Henk).DoneAsync();
        await Sessions.CloseMotionAsync(meeting, few, "Te weinig stemmen.", null, Chair).DoneAsync();
        At(1, 0, 15);
        await Sessions.CloseAsync(meeting, Chair).DoneAsync();

        var list = (await Views.DecisionListAsync(meeting, Chair))!;
        Assert.Equal(_today, list.HeldOn);
        Assert.Equal(_today, list.Session.Date);
        Assert.Equal(5, list.Attendance.Count);
        var henk = list.Attendance.Single(a => a.PersonId == Henk);
        Assert.Equal(AmsterdamCalendar.DateOf(henk.From), _today);
        Assert.Equal(_today.AddDays(1), AmsterdamCalendar.DateOf(henk.Until!.Value));
        var absence = Assert.Single(henk.Absences);
        Assert.Equal(("14:30", "14:35"), (Clock(absence.From), Clock(absence.Until)));
        Assert.Equal([DeferralReason.Tie, DeferralReason.TooFewVotes], list.Session.Items.Select(i => i.ClosedMotions.Single().WhyDeferred!.Value));

        // The page: the day held in the heading, the date beside a time after midnight, one line per person.
        AddAuthorization().SetAuthorized("Marieke Jansen").SetPolicies(KipPolicies.Commission, KipPolicies.DecisionRecord);
        var page = Render<DecisionList>(p => p.Add(c => c.Id, meeting));
        page.WaitForAssertion(() => Assert.Contains(Day(_today), page.Find("[data-testid=decision-list-heading]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("gepland op", page.Find("[data-testid=decision-list-heading]").TextContent, StringComparison.Ordinal);
        Assert.Equal(5, page.FindAll("[data-testid=attendance-line]").Count);
        var henkLine = page.Find($"[data-testid=attendance-line][data-person='{Henk}']").TextContent;
        Assert.Contains($"Henk Smit: 14:00–{Day(_today.AddDays(1))} 00:15, afwezig 14:30–14:35", henkLine, StringComparison.Ordinal);
        var outcomes = page.FindAll("[data-testid=decision-outcome]").Select(o => o.TextContent).ToList();
        Assert.StartsWith("Uitgesteld: de stemmen staakten", outcomes[0], StringComparison.Ordinal);
        Assert.StartsWith("Uitgesteld: te weinig stemmen (geen quorum)", outcomes[1], StringComparison.Ordinal);
        Assert.Contains($"23:50:00 – {Day(_today.AddDays(1))} 00:10:00", page.Markup, StringComparison.Ordinal);

        // The archive: this meeting first (held today, two decisions), the demo meeting of two months ago after it.
        var archive = Render<MeetingArchive>();
        archive.WaitForAssertion(() => Assert.NotEmpty(archive.FindAll("[data-testid=held-meeting]")));
        var rows = archive.FindAll("[data-testid=held-meeting]");
        Assert.Equal(meeting.ToString(), rows[0].GetAttribute("data-meeting"));
        Assert.Contains(Day(_today), rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2 besluiten", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("0 besluiten", rows[^1].TextContent, StringComparison.Ordinal);
        Assert.Equal(DecisionList.UrlFor(meeting), rows[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_meeting_held_before_decision_010_on_another_day_than_it_carries_shows_the_day_held_and_the_day_planned()
    {
        var (meeting, _, _) = await LiveApp.PlanMeetingAsync(Db, LiveApp.Taalcafe, "non-profit");
        var planned = _today.AddDays(14);
        At(0, 14, 2);
        var opened = _time.GetUtcNow();
        await using (var db = await Db.CreateDbContextAsync())
        {
            // As the demo meeting was recorded before: still dated 16 December, opened and closed today.
            await db.Meetings.Where(m => m.Id == meeting).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.Date, planned).SetProperty(x => x.Status, MeetingStatus.Closed)
                .SetProperty(x => x.OpenedAt, opened).SetProperty(x => x.ClosedAt, opened.AddHours(1)));
        }

        var list = (await Views.DecisionListAsync(meeting, Chair))!;
        Assert.Equal((_today, planned), (list.HeldOn, list.Session.Date));

        AddAuthorization().SetAuthorized("Ahmed Yilmaz").SetPolicies(KipPolicies.DecisionRecord);
        var page = Render<DecisionList>(p => p.Add(c => c.Id, meeting));
        page.WaitForAssertion(() => Assert.Contains(Day(_today), page.Find("[data-testid=decision-list-heading]").TextContent, StringComparison.Ordinal));
        Assert.Contains($"gepland op {Day(planned)}", page.Find("[data-testid=decision-list-heading]").TextContent, StringComparison.Ordinal);

        // The coordination team reads it, but is not sent back to a live session it cannot open.
        Assert.DoesNotContain(SessionPage.UrlFor(meeting), page.Markup, StringComparison.Ordinal);
        Assert.Equal(MeetingArchive.Url, page.Find("[data-testid=to-archive]").GetAttribute("href"));
    }

    private static string Clock(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, AmsterdamCalendar.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
