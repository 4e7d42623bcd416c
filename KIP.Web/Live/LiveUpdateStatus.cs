namespace KIP.Web.Live;

/// <summary>
/// Whether live updates reach this server's screens now. With one server they always do; with several, they pause while
/// Redis cannot be reached (<see cref="Redis.RedisConnection"/>) — votes and every other change are still stored, only
/// the screens are not told — and the screens say so (<c>LivePausedNotice</c>) until they have caught up.
/// </summary>
public sealed class LiveUpdateStatus
{
    private int _paused;

    public bool Paused => Volatile.Read(ref _paused) == 1;

    /// <summary>Raised when <see cref="Paused"/> changes.</summary>
    public event Action? Changed;

    /// <summary>Sets the state; true when it changed (the caller that changed it does what follows, such as the catch-up).</summary>
    public bool Set(bool paused)
    {
        if (Interlocked.Exchange(ref _paused, paused ? 1 : 0) == (paused ? 1 : 0))
        {
            return false;
        }

        Changed?.Invoke();
        return true;
    }
}
