using KIP.Web.Data;
using KIP.Web.Live.Redis;
using Microsoft.Extensions.Options;

namespace KIP.Web.Live;

public static class LiveSetup
{
    /// <summary>
    /// The notification seam, presence and the live review session: commands, view queries and the rebuild they share.
    /// In process by default (one server); through Redis when <c>Kip:Redis:Configuration</c> is set (several servers).
    /// </summary>
    public static IServiceCollection AddKipLiveSessions(this IServiceCollection services)
    {
        services.AddSingleton<LiveUpdateStatus>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<ISessionNotifier>(provider => ThroughRedis(provider)
            ? ActivatorUtilities.CreateInstance<RedisSessionNotifier>(provider)
            : ActivatorUtilities.CreateInstance<InProcessSessionNotifier>(provider));
        services.AddSingleton(provider => new PresenceTracker(
            provider.GetRequiredService<ISessionNotifier>(),
            ThroughRedis(provider) ? provider.GetRequiredService<RedisPresence>() : null));
        services.AddHostedService<RedisLiveStart>();
        services.AddSingleton<AttendanceRecorder>();
        services.AddSingleton<IMeetingWriteLock>(provider => provider.GetService<KipDatabase>()?.Provider == DatabaseProvider.Postgres
            ? new PostgresMeetingWriteLock()
            : new SqliteMeetingWriteLock());
        services.AddSingleton<SessionRebuild>();
        services.AddSingleton<SessionActions>();
        services.AddSingleton<ReviewSessionCommands>();
        services.AddSingleton<ReviewSessionQueries>();
        return services;
    }

    private static bool ThroughRedis(IServiceProvider provider) =>
        provider.GetService<IOptions<KipRedisOptions>>()?.Value.Enabled == true;

    /// <summary>
    /// With Redis: connects at start (not on the first screen), and starts presence's heartbeat and the attendance
    /// record, so that the members of a server that died are seen to leave even before anyone here opens a session.
    /// </summary>
    private sealed class RedisLiveStart(IServiceProvider provider) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (ThroughRedis(provider))
            {
                provider.GetRequiredService<ISessionNotifier>();
                provider.GetRequiredService<AttendanceRecorder>();
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
