namespace KIP.Web.Live;

/// <summary>
/// Presence shared between the servers of one deployment (<see cref="Redis.RedisPresence"/>), behind
/// <see cref="PresenceTracker"/>: the tracker counts this server's screens per person and tells the shared part when a
/// person's first screen here opens and their last one here closes. Without it (one server) the tracker is the truth.
/// </summary>
public interface ISharedPresence
{
    /// <summary>The person's first screen on this server opened; true when no other server had them present.</summary>
    Task<bool> ArriveAsync(Guid meetingId, Guid personId);

    /// <summary>The person's last screen on this server closed; true when no other server has them present.</summary>
    Task<bool> DepartAsync(Guid meetingId, Guid personId);

    /// <summary>Who is present at the meeting on any server.</summary>
    Task<IReadOnlyCollection<Guid>> PresentAtAsync(Guid meetingId);

    /// <summary>A person's presence ran out on every server (theirs stopped refreshing it, e.g. it was killed).</summary>
    event Func<Guid, Guid, Task>? Expired;

    /// <summary>This server wrote its members of the meeting again (after a pause): the others should read presence again.</summary>
    event Func<Guid, Task>? Rewritten;
}
