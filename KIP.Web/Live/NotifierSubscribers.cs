using System.Globalization;

namespace KIP.Web.Live;

/// <summary>
/// The screens of this server that listen to the seam, per topic, and how an announcement reaches them: every screen
/// at once, each in its own language, one broken screen never keeping it from the others. Shared by the in-process and
/// the Redis notifier, so both keep these guarantees; the Redis one also learns when a topic gets its first or loses its
/// last screen here (one Redis subscription per topic per server).
/// </summary>
public sealed partial class NotifierSubscribers(ILogger logger)
{
    private readonly Dictionary<string, Dictionary<Guid, Func<LiveAnnouncement, Task>>> _topics = [];
    private readonly Lock _gate = new();

    /// <summary>Raised, in order and under the list's lock, when a topic gets its first screen.</summary>
    public event Action<string>? TopicOpened;

    /// <summary>Raised, in order and under the list's lock, when a topic's last screen went.</summary>
    public event Action<string>? TopicClosed;

    /// <summary>The topics at least one screen of this server listens to.</summary>
    public IReadOnlyList<string> Topics
    {
        get
        {
            lock (_gate)
            {
                return [.. _topics.Keys];
            }
        }
    }

    public IDisposable Add(string topic, Func<LiveAnnouncement, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var key = Guid.NewGuid();
        var inLanguage = InSubscribersLanguage(handler);
        lock (_gate)
        {
            if (!_topics.TryGetValue(topic, out var handlers))
            {
                handlers = [];
                _topics[topic] = handlers;
                TopicOpened?.Invoke(topic);
            }

            handlers[key] = inLanguage;
        }

        return new Subscription(this, topic, key);
    }

    /// <summary>
    /// Tells every screen of the announcement's topic. Every screen at once: each handler hands the work to its own
    /// circuit, so one slow screen (or the 50th in a row) does not hold back the others (bench/README.md, live updates).
    /// </summary>
    public Task DeliverAsync(LiveAnnouncement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        Func<LiveAnnouncement, Task>[] handlers;
        lock (_gate)
        {
            if (!_topics.TryGetValue(announcement.Topic, out var forTopic))
            {
                return Task.CompletedTask;
            }

            handlers = [.. forTopic.Values];
        }

        return Task.WhenAll(handlers.Select(handler => NotifyAsync(handler, announcement)));
    }

    private async Task NotifyAsync(Func<LiveAnnouncement, Task> handler, LiveAnnouncement announcement)
    {
        try
        {
            await handler(announcement);
        }
#pragma warning disable CA1031 // One broken screen (a closed circuit) must not keep the announcement from the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogHandlerFailed(logger, exception, announcement.Topic);
        }
    }

    /// <summary>
    /// A screen re-renders in its own language, not in that of whoever's action it shows: the handler runs under the
    /// cultures of the circuit that subscribed (a publish from another circuit, a background job or another server carries its own).
    /// </summary>
    private static Func<LiveAnnouncement, Task> InSubscribersLanguage(Func<LiveAnnouncement, Task> handler)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        return async announcement =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            await handler(announcement);
        };
    }

    private void Remove(string topic, Guid key)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var handlers) && handlers.Remove(key) && handlers.Count == 0)
            {
                _topics.Remove(topic);
                TopicClosed?.Invoke(topic);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live subscriber of {Topic} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string topic);

    private sealed class Subscription(NotifierSubscribers owner, string topic, Guid key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(topic, key);
            }
        }
    }
}
