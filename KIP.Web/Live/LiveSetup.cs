namespace KIP.Web.Live;

public static class LiveSetup
{
    /// <summary>The notification seam, presence and the live review session service.</summary>
    public static IServiceCollection AddKipLiveSessions(this IServiceCollection services)
    {
        services.AddSingleton<ISessionNotifier, InProcessSessionNotifier>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<ReviewSessionService>();
        return services;
    }
}
