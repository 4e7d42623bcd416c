using System.Collections.Concurrent;

namespace KIP.Web.Live;

/// <summary>
/// Who has a live session page open, per meeting (rulebook §6, presence), fed by circuit lifetime: the
/// session page enters when it initialises and leaves when its circuit disposes it. A person with two tabs is
/// present until both are gone. Joins and leaves are announced through the seam.
/// </summary>
public sealed class PresenceTracker(ISessionNotifier notifier)
{
    private readonly ConcurrentDictionary<Guid, Dictionary<Guid, int>> _meetings = new();

    /// <summary>Raised (after the change) with meeting, person and whether they arrived (true) or left (false).</summary>
    public event Func<Guid, Guid, bool, Task>? Changed;

    public IReadOnlyCollection<Guid> PresentAt(Guid meetingId)
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

    public bool IsPresent(Guid meetingId, Guid personId) => PresentAt(meetingId).Contains(personId);

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

        if (first)
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

        if (last)
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

        await notifier.PublishAsync(new SessionChanged(meetingId, "presence"));
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
