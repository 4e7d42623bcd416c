namespace KIP.Web.Live;

/// <summary>
/// The in-process notification seam (a singleton), the default for one server: keyed subscriptions per topic, as
/// eShop's OrderStatusNotificationService. No timers and no polling: a publish calls the topic's handlers directly
/// (<see cref="NotifierSubscribers"/>). Several servers use <see cref="RedisSessionNotifier"/> instead.
/// </summary>
public sealed class InProcessSessionNotifier(ILogger<InProcessSessionNotifier> logger) : ISessionNotifier
{
    private readonly NotifierSubscribers _subscribers = new(logger);

    public Task PublishAsync(LiveAnnouncement announcement, CancellationToken cancellationToken = default) =>
        _subscribers.DeliverAsync(announcement);

    public IDisposable Subscribe(string topic, Func<LiveAnnouncement, Task> handler) => _subscribers.Add(topic, handler);
}
