using KIP.Web.Identity;
using KIP.Web.Security;
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

    /// <summary>The circuit benchmark's reading of this server's memory (bench/KIP.CircuitBench).</summary>
    public const string MemoryUrl = "/bench/geheugen";

    /// <summary>
    /// <c>POST /bench/teller/bump</c>: bumps the counter and answers the bump's count and server time.
    /// <c>POST /bench/geheugen</c>: the server's own memory counters and open circuits, after a full blocking
    /// collection when <c>?opruimen=true</c> (a POST: it changes what the process holds).
    /// </summary>
    public static WebApplication MapKipBench(this WebApplication app)
    {
        app.MapPost(Teller.BumpUrl, (BenchCounter counter) => TypedResults.Ok(counter.Bump()))
            .RequireAuthorization(KipPolicies.Bench)
            .ExcludeFromDescription();
        app.MapPost(MemoryUrl, (CircuitLimiter circuits, bool? opruimen) => TypedResults.Ok(BenchMemory.Read(circuits.Total, opruimen == true)))
            .RequireAuthorization(KipPolicies.Bench)
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>What the server holds: working set, managed heap and committed GC memory, with the open circuits.</summary>
public sealed record BenchMemory(int Circuits, long WorkingSetBytes, long ManagedHeapBytes, long GcCommittedBytes, bool Collected)
{
    public static BenchMemory Read(int circuits, bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new BenchMemory(circuits, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes, collect);
    }
}
