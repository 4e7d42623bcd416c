using System.Collections.Concurrent;
using System.Globalization;
using KIP.Tests.Infrastructure;
using KIP.Web.Live;
using KIP.Web.Live.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace KIP.Tests.Live;

/// <summary>
/// The seam through Redis between two servers (two connection multiplexers on one scratch Redis): what one server
/// announces reaches the screens of the other, once, in each screen's own language, as the same announcement (its id).
/// </summary>
public sealed class RedisNotifierTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly List<IDisposable> _owned = [];

    private (RedisConnection Connection, RedisSessionNotifier Notifier) Server()
    {
        var connection = new RedisConnection(redis.Configuration, new LiveUpdateStatus(), TimeProvider.System, NullLogger<RedisConnection>.Instance);
        var notifier = new RedisSessionNotifier(connection, NullLogger<RedisSessionNotifier>.Instance);
        _owned.Add(notifier);
        _owned.Add(connection);
        return (connection, notifier);
    }

    [Fact]
    public async Task An_announcement_published_on_one_server_reaches_a_screen_of_the_other_in_its_own_language_and_its_own_screens_once()
    {
        var (_, a) = Server();
        var (b, onB) = Server();
        var meeting = Guid.NewGuid();
        var heardOnB = new TaskCompletionSource<(LiveAnnouncement Announcement, string Culture)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var heardOnA = new ConcurrentQueue<SessionChanged>();
        // A catch-up ("reload everything") may reach a screen whenever its server's Redis connection comes up; what
        // is asserted is the announcements themselves.
        using var screenOnA = a.SubscribeToSession(meeting, change =>
        {
            if (change.What != LiveAnnouncement.CatchUpReason)
            {
                heardOnA.Enqueue(change);
            }

            return Task.CompletedTask;
        });
        IDisposable screenOnB;
        using (InCulture("nl-NL"))
        {
            screenOnB = onB.SubscribeToSession(meeting, change =>
            {
                if (change.What != LiveAnnouncement.CatchUpReason)
                {
                    heardOnB.TrySetResult((change, CultureInfo.CurrentUICulture.Name));
                }

                return Task.CompletedTask;
            });
        }

        using (screenOnB)
        {
            // The subscription connection answers a ping only after the SUBSCRIBE before it: B listens from here on.
            await b.Multiplexer.GetSubscriber().PingAsync();
            var vote = new SessionChanged(meeting, "vote");
            using (InCulture("en-GB"))
            {
                await a.PublishAsync(vote);
            }

            var (received, culture) = await heardOnB.Task.WaitAsync(Patience);
            Assert.Equal(vote, received);
            Assert.Equal(vote.Id, received.Id);
            Assert.NotSame(vote, received);
            Assert.Equal("nl-NL", culture);

            // A's own screen heard it at once, and not a second time back from Redis: an answer from B arrives after any echo.
            var answer = new SessionChanged(meeting, "presence");
            await onB.PublishAsync(answer);
            await WaitUntilAsync(() => heardOnA.Any(c => c.Id == answer.Id));
            Assert.Equal([vote.Id, answer.Id], heardOnA.Select(c => c.Id));
        }
    }

    [Fact]
    public async Task A_screen_that_closed_no_longer_hears_and_a_topic_without_screens_is_no_longer_subscribed_at_Redis()
    {
        var (_, a) = Server();
        var (b, onB) = Server();
        var application = Guid.NewGuid();
        var heard = new ConcurrentQueue<ApplicationChanged>();
        var screen = onB.SubscribeToApplication(application, change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        await b.Multiplexer.GetSubscriber().PingAsync();
        var channel = StackExchange.Redis.RedisChannel.Literal("kip:live:" + ApplicationChanged.ApplicationTopic(application));
        Assert.Equal(1, await b.Multiplexer.GetServers()[0].SubscriptionSubscriberCountAsync(channel));

        await a.PublishAsync(new ApplicationChanged(application));
        await WaitUntilAsync(() => heard.Count == 1);
        screen.Dispose();
        await b.Multiplexer.GetSubscriber().PingAsync();

        Assert.Equal(0, await b.Multiplexer.GetServers()[0].SubscriptionSubscriberCountAsync(channel));
    }

    [Fact]
    public void An_announcement_survives_the_wire_with_its_type_and_id_and_nothing_else_is_taken_for_one()
    {
        var origin = Guid.NewGuid();
        LiveAnnouncement[] sent = [new SessionChanged(Guid.NewGuid(), "vote"), new ApplicationChanged(Guid.NewGuid()), new OrganisationChanged(Guid.NewGuid())];

        foreach (var announcement in sent)
        {
            var json = RedisSessionNotifier.Write(announcement, origin);
            var (back, from) = RedisSessionNotifier.Read(json)!.Value;
            Assert.Equal(announcement, back);
            Assert.Equal(announcement.Id, back.Id);
            Assert.Equal(announcement.Topic, back.Topic);
            Assert.Equal(origin, from);
        }

        Assert.Contains("\"type\":\"session\"", RedisSessionNotifier.Write(sent[0], origin), StringComparison.Ordinal);
        Assert.Null(RedisSessionNotifier.Read("{\"Origin\":\"" + origin + "\",\"Announcement\":{\"type\":\"System.IO.FileInfo\"}}"));
        Assert.Null(RedisSessionNotifier.Read("not json"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static CultureScope InCulture(string name) => new(CultureInfo.GetCultureInfo(name));

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
