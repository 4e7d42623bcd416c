using System.Collections.Concurrent;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Live;
using KIP.Web.Live.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Live;

/// <summary>
/// Presence shared by two servers through one scratch Redis: who entered on either is present on both (so quorum
/// counts both), a person leaves with their last screen anywhere, and the members of a server that stops refreshing
/// (killed) expire after the lifetime — not before, and not never. Each server's clock is faked; heartbeats are driven.
/// </summary>
public sealed class RedisPresenceTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly List<IDisposable> _owned = [];

    private sealed record ServerUnderTest(PresenceTracker Tracker, RedisPresence Shared, FakeTimeProvider Clock, ConcurrentQueue<(Guid Person, bool Arrived)> Changes);

    private ServerUnderTest Server()
    {
        var clock = new FakeTimeProvider(Start);
        var connection = new RedisConnection(redis.Configuration, new LiveUpdateStatus(), TimeProvider.System, NullLogger<RedisConnection>.Instance);
        var notifier = new RedisSessionNotifier(connection, NullLogger<RedisSessionNotifier>.Instance);

        // No timer: the test beats (RedisPresence.BeatAsync) when it has moved the clock.
        var shared = new RedisPresence(connection, clock, NullLogger<RedisPresence>.Instance, Lifetime, Timeout.InfiniteTimeSpan);
        _owned.AddRange([shared, notifier, connection]);
        var tracker = new PresenceTracker(notifier, shared);
        var changes = new ConcurrentQueue<(Guid, bool)>();
        tracker.Changed += (_, person, arrived) =>
        {
            changes.Enqueue((person, arrived));
            return Task.CompletedTask;
        };
        return new ServerUnderTest(tracker, shared, clock, changes);
    }

    [Fact]
    public async Task Members_present_on_either_server_are_present_on_both_and_leave_with_their_last_screen_anywhere()
    {
        var a = Server();
        var b = Server();
        var meeting = Guid.NewGuid();

        var chairOnA = await a.Tracker.EnterAsync(meeting, DemoPersons.Chair);
        var memberOnB = await b.Tracker.EnterAsync(meeting, DemoPersons.BusinessMember);

        Assert.Equal([DemoPersons.BusinessMember, DemoPersons.Chair], (await a.Tracker.PresentAtAsync(meeting)).Order());
        Assert.Equal([DemoPersons.BusinessMember, DemoPersons.Chair], (await b.Tracker.PresentAtAsync(meeting)).Order());

        // The chair opens a second screen on B, then closes the one on A: still present, and neither server says they left.
        var chairOnB = await b.Tracker.EnterAsync(meeting, DemoPersons.Chair);
        await chairOnA.DisposeAsync();
        Assert.Contains(DemoPersons.Chair, await a.Tracker.PresentAtAsync(meeting));
        Assert.Equal([(DemoPersons.Chair, true)], a.Changes);
        Assert.Equal([(DemoPersons.BusinessMember, true)], b.Changes);

        // The last screen anywhere closes: gone on both, and the server it closed on says they left.
        await chairOnB.DisposeAsync();
        Assert.Equal([DemoPersons.BusinessMember], await a.Tracker.PresentAtAsync(meeting));
        Assert.Equal([(DemoPersons.BusinessMember, true), (DemoPersons.Chair, false)], b.Changes);
        await memberOnB.DisposeAsync();
        Assert.Empty(await a.Tracker.PresentAtAsync(meeting));
    }

    [Fact]
    public async Task The_members_of_a_server_that_stops_refreshing_expire_after_the_lifetime_while_the_others_stay()
    {
        var a = Server();
        var b = Server();
        var meeting = Guid.NewGuid();
        await a.Tracker.EnterAsync(meeting, DemoPersons.SroiIJmondMember);
        await b.Tracker.EnterAsync(meeting, DemoPersons.WerkInkomenMember);

        // A is killed here: its clock and heartbeat stop. B goes on beating every 10 s.
        a.Shared.Dispose();
        for (var beat = 0; beat < 2; beat++)
        {
            b.Clock.Advance(TimeSpan.FromSeconds(10));
            await b.Shared.BeatAsync();
        }

        // 20 s: within the lifetime, A's member still counts.
        Assert.Equal([DemoPersons.SroiIJmondMember, DemoPersons.WerkInkomenMember], (await b.Tracker.PresentAtAsync(meeting)).Order());
        Assert.DoesNotContain(b.Changes, c => !c.Arrived);

        for (var beat = 0; beat < 2; beat++)
        {
            b.Clock.Advance(TimeSpan.FromSeconds(10));
            await b.Shared.BeatAsync();
        }

        // 40 s: A's member expired and B said they left; B's own member, refreshed, is still there.
        Assert.Equal([DemoPersons.WerkInkomenMember], await b.Tracker.PresentAtAsync(meeting));
        Assert.Equal([(DemoPersons.WerkInkomenMember, true), (DemoPersons.SroiIJmondMember, false)], b.Changes);
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());
}
