using System.Runtime.CompilerServices;
using Bunit;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// Time limits for the whole run, set before any test: a wait ends as soon as what it waits for is there, so a
/// generous ceiling costs nothing on a quiet machine and only matters on a busy one (speed is judged by the
/// benchmarks, not by the tests). bunit's own default is one second, which a busy 2-core machine exceeds.
/// </summary>
internal static class GenerousWaits
{
    public static readonly TimeSpan Appearance = TimeSpan.FromSeconds(15);

#pragma warning disable CA2255 // A test assembly, not a library: its run settings are set once, before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Set() => BunitContext.DefaultWaitTimeout = Appearance;
}
