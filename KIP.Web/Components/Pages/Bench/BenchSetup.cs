using KIP.Web.Identity;
using KIP.Web.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Components.Pages.Bench;

/// <summary><c>Kip:Bench</c>: the benchmark's pages and endpoints exist for everyone only when <see cref="Enabled"/> (default off).</summary>
public sealed class BenchOptions : IKipSettings<BenchOptions>
{
    public static string Section => "Kip:Bench";

    public bool Enabled { get; set; }

    public static void Check(BenchOptions settings, SettingErrors errors)
    {
        // A switch: its type is all there is to check.
    }
}

/// <summary>
/// <see cref="KipPolicies.Bench"/>: met by anyone, signed in or not, when <c>Kip:Bench:Enabled</c> is true (the
/// teller shows nothing private); never met otherwise, so anonymous visitors are sent to sign in and everyone
/// else is denied.
/// </summary>
public sealed class BenchEnabledRequirement : IAuthorizationRequirement;

/// <summary>Meets <see cref="BenchEnabledRequirement"/> while <c>Kip:Bench:Enabled</c> is true.</summary>
public sealed class BenchEnabledHandler(IOptionsMonitor<BenchOptions> options) : AuthorizationHandler<BenchEnabledRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, BenchEnabledRequirement requirement)
    {
        if (options.CurrentValue.Enabled)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class BenchSetup
{
    /// <summary>The live-update benchmark's baseline counter and its policy (bench/README.md).</summary>
    public static IServiceCollection AddKipBench(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, BenchEnabledHandler>();
        services.AddSingleton<BenchCounter>();
        services.AddAuthorizationBuilder()
            .AddPolicy(KipPolicies.Bench, policy => policy.AddRequirements(new BenchEnabledRequirement()));
        return services;
    }

    /// <summary><c>POST /bench/teller/bump</c>: bumps the counter and answers the bump's count and server time.</summary>
    public static WebApplication MapKipBench(this WebApplication app)
    {
        app.MapPost(Teller.BumpUrl, (BenchCounter counter) => TypedResults.Ok(counter.Bump()))
            .RequireAuthorization(KipPolicies.Bench)
            .ExcludeFromDescription();
        return app;
    }
}
