using System.Text.Json;
using StackExchange.Redis;

namespace KIP.Web.Live.Redis;

/// <summary>
/// The notification seam across servers sharing one Redis (<c>Kip:Redis:Configuration</c>). A publish tells this
/// server's screens at once (as in process) and PUBLISHes the announcement, as JSON with its type name, on the topic's
/// channel; each server holds one SUBSCRIBE per topic its screens listen to and fans a received announcement out to
/// them (<see cref="NotifierSubscribers"/>: each screen in its own language, all at once, one broken screen harming no
/// other). Redis away: the publish is logged, never thrown (the change is stored already), the screens say that live
/// updates are paused (<see cref="LiveUpdateStatus"/>), and when Redis returns every screen of this server reloads.
/// </summary>
public sealed partial class RedisSessionNotifier : ISessionNotifier, IDisposable
{
    private const string ChannelPrefix = "kip:live:";

    private readonly RedisConnection _redis;
    private readonly ILogger<RedisSessionNotifier> _logger;
    private readonly NotifierSubscribers _subscribers;
    private readonly ISubscriber _subscriber;
    private readonly Action<RedisChannel, RedisValue> _onMessage;

    public RedisSessionNotifier(RedisConnection redis, ILogger<RedisSessionNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _logger = logger;
        _subscriber = redis.Multiplexer.GetSubscriber();
        _onMessage = OnMessage;
        _subscribers = new NotifierSubscribers(logger);
        _subscribers.TopicOpened += topic => Observe(_subscriber.SubscribeAsync(Channel(topic), _onMessage), "subscribe", topic);
        _subscribers.TopicClosed += topic => Observe(_subscriber.UnsubscribeAsync(Channel(topic), _onMessage), "unsubscribe", topic);
        redis.Resumed += CatchUpAsync;
    }

    public async Task PublishAsync(LiveAnnouncement announcement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(announcement);

        // This server's own screens at once, whatever Redis does; the other servers through Redis.
        var here = _subscribers.DeliverAsync(announcement);
        try
        {
            await _subscriber.PublishAsync(Channel(announcement.Topic), Write(announcement, _redis.Instance));
        }
#pragma warning disable CA1031 // The change is stored already: a publish that fails is logged, never thrown at the voter.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPublishFailed(_logger, e, announcement.Topic);
        }

        await here;
    }

    public IDisposable Subscribe(string topic, Func<LiveAnnouncement, Task> handler) => _subscribers.Add(topic, handler);

    /// <summary>The wire form: the sending server and the announcement with its type name.</summary>
    public static string Write(LiveAnnouncement announcement, Guid origin) =>
        JsonSerializer.Serialize(new Envelope(origin, announcement));

    /// <summary>The announcement and its sender, or null for anything that is not an announcement of a known type.</summary>
    public static (LiveAnnouncement Announcement, Guid Origin)? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Envelope>(json) is { Announcement: { } announcement } envelope
                ? (announcement, envelope.Origin)
                : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static RedisChannel Channel(string topic) => RedisChannel.Literal(ChannelPrefix + topic);

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        if (Read(message) is not { } received)
        {
            LogUnreadable(_logger, channel.ToString());
            return;
        }

        if (received.Origin != _redis.Instance)
        {
            _ = _subscribers.DeliverAsync(received.Announcement);
        }
    }

    /// <summary>After a pause: every screen of this server reloads, as if told that its topic changed.</summary>
    private Task CatchUpAsync() =>
        Task.WhenAll(_subscribers.Topics.Select(LiveAnnouncement.CatchUp).OfType<LiveAnnouncement>().Select(_subscribers.DeliverAsync));

    private void Observe(Task task, string what, string topic) =>
        task.ContinueWith(t => LogSubscriptionFailed(_logger, t.Exception, what, topic), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public void Dispose() => _redis.Resumed -= CatchUpAsync;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish on {Topic} through Redis: other servers' screens catch up when Redis is back")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What} {Topic} at Redis now; the subscription is renewed when Redis is back")]
    private static partial void LogSubscriptionFailed(ILogger logger, Exception? exception, string what, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on {Channel} is not an announcement KIP knows; ignored")]
    private static partial void LogUnreadable(ILogger logger, string channel);

    private sealed record Envelope(Guid Origin, LiveAnnouncement Announcement);
}
