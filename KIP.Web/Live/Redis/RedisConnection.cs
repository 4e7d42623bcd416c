using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KIP.Web.Live.Redis;

/// <summary>
/// This server's one connection to Redis (one <see cref="ConnectionMultiplexer"/>, shared by the notifier and
/// presence), and whether live updates flow: paused (<see cref="LiveUpdateStatus"/>) from the moment a connection to
/// Redis fails (<c>ConnectionFailed</c>) until both commands and subscriptions are back (<c>ConnectionRestored</c>, or
/// the check each second), then <see cref="Resumed"/> lets everything catch up. KIP starts without Redis too: the
/// database is the truth, so only the screens wait.
/// </summary>
public sealed partial class RedisConnection : IDisposable
{
    /// <summary>How often the state is checked besides the multiplexer's events (and how soon a lost connection is retried).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ILogger<RedisConnection> _logger;
    private readonly ITimer _check;
    private int _resuming;

    public RedisConnection(IOptions<KipRedisOptions> options, LiveUpdateStatus status, TimeProvider time, ILogger<RedisConnection> logger)
        : this(options?.Value.Configuration ?? throw new ArgumentNullException(nameof(options)), status, time, logger)
    {
    }

    public RedisConnection(string configuration, LiveUpdateStatus status, TimeProvider time, ILogger<RedisConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(time);
        Status = status;
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);

        // Start without Redis (live updates paused), and never let a publish wait for a Redis that is away: it fails at
        // once and is logged, the vote that caused it is stored anyway. Retry each second, so screens catch up soon.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry((int)CheckInterval.TotalMilliseconds);
        options.ClientName ??= "kip";
        _multiplexer = ConnectionMultiplexer.Connect(options);
        _multiplexer.ConnectionFailed += OnConnectionFailed;
        _multiplexer.ConnectionRestored += OnConnectionRestored;
        if (!IsUp)
        {
            LogUnreachable(_logger);
            Status.Set(true);
        }

        _check = time.CreateTimer(_ => Check(), null, CheckInterval, CheckInterval);
    }

    /// <summary>This server among those sharing the Redis: announcements it sent itself are not delivered twice.</summary>
    public Guid Instance { get; } = Guid.NewGuid();

    public IConnectionMultiplexer Multiplexer => _multiplexer;

    public LiveUpdateStatus Status { get; }

    /// <summary>Raised once each time live updates flow again after a pause: catch up (reload, re-announce presence).</summary>
    public event Func<Task>? Resumed;

    private bool IsUp => _multiplexer.IsConnected && _multiplexer.GetSubscriber().IsConnected();

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (Status.Set(true))
        {
            LogPaused(_logger, e.Exception, e.ConnectionType, e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (IsUp)
        {
            _ = ResumeAsync();
        }
    }

    /// <summary>Besides the events: a start without Redis that connects later, or a failure seen by no event.</summary>
    private void Check()
    {
        if (!IsUp)
        {
            if (Status.Set(true))
            {
                LogPaused(_logger, null, ConnectionType.None, ConnectionFailureType.None);
            }
        }
        else if (Status.Paused)
        {
            _ = ResumeAsync();
        }
    }

    private async Task ResumeAsync()
    {
        if (Interlocked.Exchange(ref _resuming, 1) == 1)
        {
            return;
        }

        try
        {
            if (!Status.Paused)
            {
                return;
            }

            // A ping on the subscription connection goes after the re-sent SUBSCRIBEs: what is published from now on arrives.
            try
            {
                await _multiplexer.GetSubscriber().PingAsync();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return;
            }

            Status.Set(false);
            LogResumed(_logger);
            foreach (var resumed in Resumed?.GetInvocationList().Cast<Func<Task>>() ?? [])
            {
                try
                {
                    await resumed();
                }
#pragma warning disable CA1031 // One part failing to catch up must not keep the others from it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogCatchUpFailed(_logger, e);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _resuming, 0);
        }
    }

    public void Dispose()
    {
        _check.Dispose();
        _multiplexer.ConnectionFailed -= OnConnectionFailed;
        _multiplexer.ConnectionRestored -= OnConnectionRestored;
        _multiplexer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be reached at start: live updates between servers are paused until it can")]
    private static partial void LogUnreachable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to Redis ({ConnectionType}, {FailureType}): live updates between servers are paused; changes are still stored")]
    private static partial void LogPaused(ILogger logger, Exception? exception, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: live updates flow again and every screen catches up")]
    private static partial void LogResumed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up after Redis came back failed")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);
}
