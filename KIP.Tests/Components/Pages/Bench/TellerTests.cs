using System.Globalization;
using Bunit;
using KIP.Web.Components.Pages.Bench;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.Bench;

/// <summary>The benchmark's baseline page: re-rendered on every bump of the singleton counter, and it leaves when disposed.</summary>
public sealed class TellerTests : BunitContext, IAsyncLifetime
{
    private readonly BenchCounter _counter = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)));

    public TellerTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(_counter);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Shows_each_bump_and_unsubscribes_when_disposed()
    {
        Render<MudPopoverProvider>();
        var page = Render<Teller>();
        Assert.Equal("Stand: 0", page.Find("[data-testid=bench-count]").TextContent.Trim());
        Assert.Equal(1, _counter.Watchers);

        var bump = _counter.Bump();
        _counter.Bump();

        Assert.Equal(1, bump.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), bump.At);
        page.WaitForAssertion(() => Assert.Equal("Stand: 2", page.Find("[data-testid=bench-count]").TextContent.Trim()));

        await DisposeComponentsAsync();
        Assert.Equal(0, _counter.Watchers);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
