using KIP.Web.Data;

namespace KIP.Web.Live;

public static class LiveSetup
{
    /// <summary>The notification seam, presence and the live review session: commands, view queries and the rebuild they share.</summary>
    public static IServiceCollection AddKipLiveSessions(this IServiceCollection services)
    {
        services.AddSingleton<ISessionNotifier, InProcessSessionNotifier>();
        services.AddSingleton<PresenceTracker>();
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
}
