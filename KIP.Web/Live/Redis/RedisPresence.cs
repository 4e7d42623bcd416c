using System.Collections.Concurrent;
using StackExchange.Redis;

namespace KIP.Web.Live.Redis;

/// <summary>
/// Presence shared by the servers of one Redis, so that quorum counts the members present on any of them. Per meeting
/// a sorted set <c>kip:presence:&lt;meeting&gt;</c> holds one entry per person per server (<c>&lt;person&gt;:&lt;server&gt;</c>)
/// scored with the moment it expires. A server refreshes its entries every <see cref="Heartbeat"/> for another
/// <see cref="Lifetime"/>; the entries of a server that died stop being refreshed and expire, and the first server to
/// notice (its heartbeat sweeps the meetings it knows) removes them and says who left. Redis away: the last presence
/// read stays in use, with this server's own members, until Redis is back and every server has written its own again.
/// </summary>
public sealed partial class RedisPresence : ISharedPresence, IDisposable
{
    /// <summary>How long an entry lives without a heartbeat: how long the members of a killed server still count.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(30);

    /// <summary>How often a server refreshes its entries and sweeps expired ones.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(10);

    /// <summary>A meeting's set lives this long after its last write: what nobody sweeps any more goes by itself.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPresence> _logger;
    private readonly ConcurrentDictionary<(Guid Meeting, Guid Person), byte> _mine = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyCollection<Guid>> _lastRead = new();
    private readonly ITimer _heartbeat;
    private int _beating;

    public RedisPresence(RedisConnection redis, TimeProvider time, ILogger<RedisPresence> logger)
        : this(redis, time, logger, DefaultLifetime, DefaultHeartbeat)
    {
    }

    public RedisPresence(RedisConnection redis, TimeProvider time, ILogger<RedisPresence> logger, TimeSpan lifetime, TimeSpan heartbeat)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(time);
        _redis = redis;
        _time = time;
        _logger = logger;
        Lifetime = lifetime;
        Heartbeat = heartbeat;
        redis.Resumed += ResumeAsync;
        _heartbeat = time.CreateTimer(static state => ((RedisPresence)state!).Beat(), this, heartbeat, heartbeat);
    }

    public TimeSpan Lifetime { get; }

    public TimeSpan Heartbeat { get; }

    public event Func<Guid, Guid, Task>? Expired;

    public event Func<Guid, Task>? Rewritten;

    private IDatabase Db => _redis.Multiplexer.GetDatabase();

    private string Me => _redis.Instance.ToString("N");

    public async Task<bool> ArriveAsync(Guid meetingId, Guid personId)
    {
        _mine[(meetingId, personId)] = 0;
        try
        {
            var elsewhere = await LiveEntriesAsync(meetingId);
            await WriteAsync(meetingId, personId);
            return !elsewhere.Any(e => e.Person == personId && e.Server != Me);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, e, "arrival");
            return true;
        }
    }

    public async Task<bool> DepartAsync(Guid meetingId, Guid personId)
    {
        _mine.TryRemove((meetingId, personId), out _);
        try
        {
            await Db.SortedSetRemoveAsync(Key(meetingId), Entry(personId));
            return !(await LiveEntriesAsync(meetingId)).Any(e => e.Person == personId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The entry expires by itself after the lifetime, unless Redis lost it already.
            LogRedisAway(_logger, e, "departure");
            return true;
        }
    }

    public async Task<IReadOnlyCollection<Guid>> PresentAtAsync(Guid meetingId)
    {
        var mine = _mine.Keys.Where(k => k.Meeting == meetingId).Select(k => k.Person);
        try
        {
            IReadOnlyCollection<Guid> present = [.. (await LiveEntriesAsync(meetingId)).Select(e => e.Person).Union(mine)];
            _lastRead[meetingId] = present;
            return present;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, e, "presence read");
            return [.. (_lastRead.TryGetValue(meetingId, out var last) ? last : []).Union(mine)];
        }
    }

    private void Beat() => _ = BeatAsync();

    /// <summary>
    /// One heartbeat: this server's entries refreshed, then the expired entries of every meeting it knows removed —
    /// each by exactly one server (the one whose remove succeeded), which says that person left when no other entry
    /// of theirs is left. Public for the tests, which drive the clock.
    /// </summary>
    public async Task BeatAsync()
    {
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (meeting, person) in _mine.Keys)
            {
                await WriteAsync(meeting, person);
            }

            foreach (var meeting in _mine.Keys.Select(k => k.Meeting).Concat(_lastRead.Keys).Distinct().ToList())
            {
                await SweepAsync(meeting);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisAway(_logger, e, "heartbeat");
        }
#pragma warning disable CA1031 // A heartbeat runs on a timer: a failure is logged and the next beat tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHeartbeatFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    private async Task SweepAsync(Guid meetingId)
    {
        var key = Key(meetingId);
        var now = Now();
        var expired = await Db.SortedSetRangeByScoreAsync(key, double.NegativeInfinity, now);
        var left = new HashSet<Guid>();
        foreach (var entry in expired)
        {
            if (Parse(entry) is { } parsed && await Db.SortedSetRemoveAsync(key, entry))
            {
                left.Add(parsed.Person);
            }
        }

        if (left.Count == 0)
        {
            return;
        }

        var live = await LiveEntriesAsync(meetingId);
        foreach (var person in left.Where(p => live.All(e => e.Person != p)))
        {
            LogExpired(_logger, person, meetingId);
            if (Expired is { } expiredHandler)
            {
                await expiredHandler(meetingId, person);
            }
        }
    }

    /// <summary>Redis is back (and may have lost everything): this server writes its members again and says so.</summary>
    private async Task ResumeAsync()
    {
        await BeatAsync();
        foreach (var meeting in _mine.Keys.Select(k => k.Meeting).Distinct().ToList())
        {
            if (Rewritten is { } rewritten)
            {
                await rewritten(meeting);
            }
        }
    }

    private async Task WriteAsync(Guid meetingId, Guid personId)
    {
        var key = Key(meetingId);
        var expires = (_time.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds();
        await Db.SortedSetAddAsync(key, Entry(personId), expires);
        await Db.KeyExpireAsync(key, KeyLifetime);
    }

    private async Task<List<(Guid Person, string Server)>> LiveEntriesAsync(Guid meetingId)
    {
        var entries = await Db.SortedSetRangeByScoreAsync(Key(meetingId), Now(), double.PositiveInfinity, Exclude.Start);
        return [.. entries.Select(Parse).OfType<(Guid Person, string Server)>()];
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static RedisKey Key(Guid meetingId) => $"kip:presence:{meetingId:N}";

    private string Entry(Guid personId) => $"{personId:N}:{Me}";

    private static (Guid Person, string Server)? Parse(RedisValue entry)
    {
        var text = entry.ToString();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Guid.TryParseExact(text[..colon], "N", out var person) ? (person, text[(colon + 1)..]) : null;
    }

    public void Dispose()
    {
        _heartbeat.Dispose();
        _redis.Resumed -= ResumeAsync;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis is away ({What}): presence uses what was last read, with this server's own members (the pause itself is logged by RedisConnection)")]
    private static partial void LogRedisAway(ILogger logger, Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A presence heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Presence of {PersonId} at {MeetingId} expired (their server stopped refreshing it)")]
    private static partial void LogExpired(ILogger logger, Guid personId, Guid meetingId);
}
