using KIP.Web.Settings;

namespace KIP.Web.Security;

/// <summary>Hardened responses and limits (ASVS V3.4, V2.4.1), wired from Program.cs.</summary>
public static class SecuritySetup
{
    public static WebApplicationBuilder AddKipSecurity(this WebApplicationBuilder builder, KipStartSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddKipHardening(settings);
        builder.Services.AddKipRateLimits();
        builder.Services.AddKipCircuitLimits();
        return builder;
    }

    /// <summary>After authentication: rate limits per person or address, the circuit caps and the hub's Origin check.</summary>
    public static WebApplication UseKipLimits(this WebApplication app)
    {
        app.UseKipRateLimits();
        app.UseKipCircuitLimits();
        return app;
    }
}
