using System.Collections.Concurrent;

namespace KIP.Web.Live;

/// <summary>
/// Who has a live session page open, per meeting (rulebook §6, presence), fed by circuit lifetime: the
/// session page enters when it initialises and leaves when its circuit disposes it. A person with two tabs is
/// present until both are gone. Joins and leaves are announced through the seam. With several servers
/// (<see cref="ISharedPresence"/>, through Redis) this server counts its own screens and the shared part knows who is
/// present on any server: a person arrives with their first screen anywhere and leaves with their last.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, Dictionary<Guid, int>> _meetings = new();
    private readonly ISessionNotifier _notifier;
    private readonly ISharedPresence? _shared;

    /// <param name="shared">Presence on the other servers; null with one server (this tracker is then the truth).</param>
    public PresenceTracker(ISessionNotifier notifier, ISharedPresence? shared = null)
    {
        _notifier = notifier;
        _shared = shared;
        if (shared is not null)
        {
            shared.Expired += (meetingId, personId) => AnnounceAsync(meetingId, personId, arrived: false);
            shared.Rewritten += meetingId => notifier.PublishAsync(new SessionChanged(meetingId, "presence"));
        }
    }

    /// <summary>Raised (after the change) with meeting, person and whether they arrived (true) or left (false).</summary>
    public event Func<Guid, Guid, bool, Task>? Changed;

    /// <summary>Who is present at the meeting: on this server, and with several servers on any of them.</summary>
    public async Task<IReadOnlyCollection<Guid>> PresentAtAsync(Guid meetingId)
    {
        var here = Here(meetingId);
        return _shared is null ? here : [.. (await _shared.PresentAtAsync(meetingId)).Union(here)];
    }

    private IReadOnlyCollection<Guid> Here(Guid meetingId)
    {
        if (!_meetings.TryGetValue(meetingId, out var people))
        {
            return [];
        }

        lock (people)
        {
            return [.. people.Keys];
        }
    }

    /// <summary>One screen of <paramref name="personId"/> joins; dispose the result when the screen goes.</summary>
    public async Task<IAsyncDisposable> EnterAsync(Guid meetingId, Guid personId)
    {
        var people = _meetings.GetOrAdd(meetingId, _ => []);
        bool first;
        lock (people)
        {
            people[personId] = people.GetValueOrDefault(personId) + 1;
            first = people[personId] == 1;
        }

        if (first && (_shared is null || await _shared.ArriveAsync(meetingId, personId)))
        {
            await AnnounceAsync(meetingId, personId, arrived: true);
        }

        return new Screen(this, meetingId, personId);
    }

    private async Task LeaveAsync(Guid meetingId, Guid personId)
    {
        if (!_meetings.TryGetValue(meetingId, out var people))
        {
            return;
        }

        bool last;
        lock (people)
        {
            var count = people.GetValueOrDefault(personId) - 1;
            last = count <= 0;
            if (last)
            {
                people.Remove(personId);
            }
            else
            {
                people[personId] = count;
            }
        }

        if (last && (_shared is null || await _shared.DepartAsync(meetingId, personId)))
        {
            await AnnounceAsync(meetingId, personId, arrived: false);
        }
    }

    private async Task AnnounceAsync(Guid meetingId, Guid personId, bool arrived)
    {
        if (Changed is { } changed)
        {
            await changed(meetingId, personId, arrived);
        }

        await _notifier.PublishAsync(new SessionChanged(meetingId, "presence"));
    }

    private sealed class Screen(PresenceTracker owner, Guid meetingId, Guid personId) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await owner.LeaveAsync(meetingId, personId);
            }
        }
    }
}
