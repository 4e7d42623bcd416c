using System.Text.Json.Serialization;

namespace KIP.Web.Live;

/// <summary>
/// A small announcement that only says what changed, by id. Receivers reload the truth from the
/// database, so an announcement carries no votes, names or outcomes and can cross a wire (Redis pub/sub) as is:
/// serialised as JSON with its type name (<c>"type": "session"</c>), which names one of the types below and nothing else.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionChanged), "session")]
[JsonDerivedType(typeof(ApplicationChanged), "application")]
[JsonDerivedType(typeof(OrganisationChanged), "organisation")]
public abstract record LiveAnnouncement
{
    /// <summary>What a catch-up announcement says changed: "anything; reload" (<see cref="CatchUp"/>).</summary>
    public const string CatchUpReason = "catch-up";

    /// <summary>The channel the announcement is published on; subscribers subscribe to one channel.</summary>
    [JsonIgnore]
    public abstract string Topic { get; }

    /// <summary>
    /// This one publication: the same on every copy of it (it crosses Redis with the announcement), new for the next
    /// publication of an equal change. Screens told of one announcement share one read keyed by it
    /// (<see cref="ReviewSessionQueries.LoadAfterAsync"/>). Not part of equality: two announcements of the same change are equal.
    /// </summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    public virtual bool Equals(LiveAnnouncement? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>
    /// "Something may have changed; reload" for the subscribers of <paramref name="topic"/>, as the announcement type
    /// they listen for: after live updates were paused (Redis unreachable), when they resume. Null for an unknown topic.
    /// </summary>
    public static LiveAnnouncement? CatchUp(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Guid.TryParseExact(topic[(colon + 1)..], "N", out var id))
        {
            return null;
        }

        return topic[..colon] switch
        {
            "session" => new SessionChanged(id, CatchUpReason),
            "application" => new ApplicationChanged(id),
            "organisation" => new OrganisationChanged(id),
            _ => null,
        };
    }
}

/// <summary>Something in a review session changed: <paramref name="What"/> is e.g. "presence", "vote", "motion", "item", "status".</summary>
public sealed record SessionChanged(Guid MeetingId, string What) : LiveAnnouncement
{
    [JsonIgnore]
    public override string Topic => SessionTopic(MeetingId);

    public static string SessionTopic(Guid meetingId) => $"session:{meetingId:N}";
}

/// <summary>An application's status changed (a decision, a deferral, a request for more information).</summary>
public sealed record ApplicationChanged(Guid ApplicationId) : LiveAnnouncement
{
    [JsonIgnore]
    public override string Topic => ApplicationTopic(ApplicationId);

    public static string ApplicationTopic(Guid applicationId) => $"application:{applicationId:N}";
}

/// <summary>
/// An organisation's admission or its access requests changed (the coordination team admitted, declined, granted or
/// refused): the entrepreneur's "Mijn organisatie" and manage pages reload.
/// </summary>
public sealed record OrganisationChanged(Guid OrganisationId) : LiveAnnouncement
{
    [JsonIgnore]
    public override string Topic => OrganisationTopic(OrganisationId);

    public static string OrganisationTopic(Guid organisationId) => $"organisation:{organisationId:N}";
}

/// <summary>
/// The one notification seam of the live pages: publish after the change is committed; subscribe
/// once per component, re-render through <c>InvokeAsync</c> and dispose the subscription in <c>Dispose</c>.
/// <see cref="InProcessSessionNotifier"/> serves one server (the default); <see cref="Redis.RedisSessionNotifier"/> serves
/// several sharing one Redis (<c>Kip:Redis:Configuration</c>): publish = PUBLISH topic, one SUBSCRIBE per topic per
/// server fanned out to its screens, the record serialised as JSON. No change to callers.
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
