namespace KIP.Web.Live;

/// <summary>
/// A small announcement that only says what changed, by id. Receivers reload the truth from the
/// database, so an announcement carries no votes, names or outcomes and can cross a wire (Redis pub/sub) as is.
/// </summary>
public abstract record LiveAnnouncement
{
    /// <summary>The channel the announcement is published on; subscribers subscribe to one channel.</summary>
    public abstract string Topic { get; }
}

/// <summary>Something in a review session changed: <paramref name="What"/> is e.g. "presence", "vote", "motion", "item", "status".</summary>
public sealed record SessionChanged(Guid MeetingId, string What) : LiveAnnouncement
{
    public override string Topic => SessionTopic(MeetingId);

    public static string SessionTopic(Guid meetingId) => $"session:{meetingId:N}";
}

/// <summary>An application's status changed (a decision, a deferral, a request for more information).</summary>
public sealed record ApplicationChanged(Guid ApplicationId) : LiveAnnouncement
{
    public override string Topic => ApplicationTopic(ApplicationId);

    public static string ApplicationTopic(Guid applicationId) => $"application:{applicationId:N}";
}

/// <summary>
/// An organisation's admission or its access requests changed (the coordination team admitted, declined, granted or
/// refused): the entrepreneur's "Mijn organisatie" and manage pages reload.
/// </summary>
public sealed record OrganisationChanged(Guid OrganisationId) : LiveAnnouncement
{
    public override string Topic => OrganisationTopic(OrganisationId);

    public static string OrganisationTopic(Guid organisationId) => $"organisation:{organisationId:N}";
}

/// <summary>
/// The one notification seam of the live pages: publish after the change is committed; subscribe
/// once per component, re-render through <c>InvokeAsync</c> and dispose the subscription in <c>Dispose</c>.
/// The in-process implementation serves one server; a Redis pub/sub implementation can replace it (publish
/// = PUBLISH topic, subscribe = SUBSCRIBE topic, the record serialised as JSON), with no change to callers.
/// </summary>
public interface ISessionNotifier
{
    Task PublishAsync(LiveAnnouncement announcement, CancellationToken cancellationToken = default);

    /// <summary>Receives every announcement on <paramref name="topic"/> until the returned subscription is disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveAnnouncement, Task> handler);
}

public static class SessionNotifierExtensions
{
    public static IDisposable SubscribeToSession(this ISessionNotifier notifier, Guid meetingId, Func<SessionChanged, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        return notifier.Subscribe(SessionChanged.SessionTopic(meetingId), a => a is SessionChanged s ? handler(s) : Task.CompletedTask);
    }

    public static IDisposable SubscribeToApplication(this ISessionNotifier notifier, Guid applicationId, Func<ApplicationChanged, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        return notifier.Subscribe(ApplicationChanged.ApplicationTopic(applicationId), a => a is ApplicationChanged c ? handler(c) : Task.CompletedTask);
    }

    public static IDisposable SubscribeToOrganisation(this ISessionNotifier notifier, Guid organisationId, Func<OrganisationChanged, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        return notifier.Subscribe(OrganisationChanged.OrganisationTopic(organisationId), a => a is OrganisationChanged c ? handler(c) : Task.CompletedTask);
    }
}
