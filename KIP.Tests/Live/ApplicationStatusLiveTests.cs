using System.Globalization;
using Bunit;
using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace KIP.Tests.Live;

/// <summary>A notifier that holds announcements back until released: the seam, silenced.</summary>
public sealed class SilencedNotifier : ISessionNotifier
{
    private readonly InProcessSessionNotifier _inner = new(NullLogger<InProcessSessionNotifier>.Instance);
    private readonly List<LiveAnnouncement> _held = [];

    public IReadOnlyList<LiveAnnouncement> Held
    {
        get
        {
            lock (_held)
            {
                return [.. _held];
            }
        }
    }

    public Task PublishAsync(LiveAnnouncement announcement, CancellationToken cancellationToken = default)
    {
        lock (_held)
        {
            _held.Add(announcement);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string topic, Func<LiveAnnouncement, Task> handler) => _inner.Subscribe(topic, handler);

    public async Task ReleaseAsync()
    {
        foreach (var announcement in Held)
        {
            await _inner.PublishAsync(announcement);
        }
    }
}

/// <summary>The applicant's status updates live, and only through the seam.</summary>
public sealed class ApplicationStatusLiveTests : BunitContext, IAsyncLifetime
{
    private readonly SilencedNotifier _silenced = new();
    private readonly SlimKip _app;

    public ApplicationStatusLiveTests()
    {
        _app = new SlimKip(configure: s => s.AddSingleton<ISessionNotifier>(_silenced));
        SlimKip.AddComponentBasics(this);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    public Task InitializeAsync()
    {
        Services.AddSingleton(_app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>());
        Services.AddSingleton<ISessionNotifier>(_silenced);
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task With_the_seam_silenced_the_applicant_screen_stays_unchanged_and_updates_when_the_announcement_arrives()
    {
        var db = _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        var sessions = _app.Services.GetRequiredService<ReviewSessionCommands>();
        var presence = _app.Services.GetRequiredService<PresenceTracker>();
        // Schoon & Sociaal has no application in the demo data: the one planned here is the one shown.
        var (meeting, items, applications) = await LiveApp.PlanMeetingAsync(db, DemoPersons.SchoonEnSociaalId, "non-profit");
        var status = Render<ApplicationStatusLive>(p => p.Add(c => c.OrganisationId, DemoPersons.SchoonEnSociaalId));
        var shown = status.Find("[data-testid=application-status]").GetAttribute("data-status");
        Assert.Equal("InReview", shown);

        foreach (var member in LiveApp.Members)
        {
            await presence.EnterAsync(meeting, member);
        }

        await sessions.OpenAsync(meeting, DemoPersons.Chair);
        var motion = await sessions.OpenMotionAsync(meeting, items[0], MotionKind.Reject, [], DemoPersons.Chair);
        foreach (var member in LiveApp.Members)
        {
            await sessions.CastVoteAsync(meeting, motion, VoteChoice.For, member);
        }

        await sessions.CloseMotionAsync(meeting, motion, "Geen sociale missie aangetoond.", null, DemoPersons.Chair);

        // Stored, announced into the silenced seam: this screen still shows the old state (no polling, no timer).
        await using (var context = await db.CreateDbContextAsync())
        {
            Assert.Equal(KIP.Domain.Applications.ApplicationStatus.Rejected, (await context.Applications.SingleAsync(a => a.Id == applications[0])).Status);
        }

        Assert.Contains(new ApplicationChanged(applications[0]), _silenced.Held);
        Assert.Equal("InReview", status.Find("[data-testid=application-status]").GetAttribute("data-status"));

        await _silenced.ReleaseAsync();
        status.WaitForAssertion(() => Assert.Equal("Rejected", status.Find("[data-testid=application-status]").GetAttribute("data-status")));
        Assert.Contains("Geen sociale missie aangetoond.", status.Markup, StringComparison.Ordinal);
    }
}
