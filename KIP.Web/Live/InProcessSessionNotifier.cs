using System.Collections.Concurrent;
using System.Globalization;

namespace KIP.Web.Live;

/// <summary>
/// The in-process notification seam (a singleton): keyed subscriptions per topic, as eShop's
/// OrderStatusNotificationService. No timers and no polling: a publish calls the topic's handlers directly.
/// </summary>
public sealed partial class InProcessSessionNotifier(ILogger<InProcessSessionNotifier> logger) : ISessionNotifier
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<LiveAnnouncement, Task>>> _topics = new();

    public async Task PublishAsync(LiveAnnouncement announcement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        if (!_topics.TryGetValue(announcement.Topic, out var handlers))
        {
            return;
        }

        // Every screen at once: each handler hands the work to its own circuit, so one slow screen
        // (or the 50th in a row) does not hold back the others (bench/README.md, live updates).
        await Task.WhenAll(handlers.Values.ToArray().Select(handler => NotifyAsync(handler, announcement)));
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

    public IDisposable Subscribe(string topic, Func<LiveAnnouncement, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var key = Guid.NewGuid();
        _topics.GetOrAdd(topic, _ => new()).TryAdd(key, InSubscribersLanguage(handler));
        return new Subscription(this, topic, key);
    }

    /// <summary>
    /// A screen re-renders in its own language, not in that of whoever's action it shows: the handler runs under the
    /// cultures of the circuit that subscribed (a publish from another circuit or a background job carries its own).
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

    private void Unsubscribe(string topic, Guid key)
    {
        if (_topics.TryGetValue(topic, out var handlers))
        {
            handlers.TryRemove(key, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live subscriber of {Topic} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string topic);

    private sealed class Subscription(InProcessSessionNotifier owner, string topic, Guid key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(topic, key);
            }
        }
    }
}
