namespace KIP.Web.Components.Pages.Bench;

/// <summary>One bump of the <see cref="BenchCounter"/>: the new count and the server time it was bumped at.</summary>
public sealed record BenchBump(long Count, DateTimeOffset At);

/// <summary>
/// The live-update benchmark's baseline (bench/README.md): a singleton counter that raises an
/// event when bumped, watched by <see cref="Teller"/> pages. It holds nothing but a number.
/// </summary>
public sealed class BenchCounter(TimeProvider time)
{
    private long _count;

    /// <summary>Raised synchronously by <see cref="Bump"/>, after the count changed.</summary>
    public event EventHandler<BenchBump>? Bumped;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>How many handlers are subscribed (for tests: a page leaves when disposed).</summary>
    public int Watchers => Bumped?.GetInvocationList().Length ?? 0;

    /// <summary>Bumps the count; the time is taken first, as a vote's time is taken before it is stored.</summary>
    public BenchBump Bump()
    {
        var at = time.GetUtcNow();
        var bump = new BenchBump(Interlocked.Increment(ref _count), at);
        Bumped?.Invoke(this, bump);
        return bump;
    }
}
