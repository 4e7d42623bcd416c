using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright against KIP.Web on a free loopback port.
/// Every page a test visits through <see cref="VisitAsync"/> is checked with axe-core for WCAG 2.1 A/AA.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private IPlaywright? _playwright;

    public KipAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl => App.BaseUrl;

    public async Task InitializeAsync()
    {
        App.StartServer();

        // Waits end as soon as the page shows what is expected; the ceiling only matters on a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync((IPlaywright)_playwright);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });

    public Task<IBrowserContext> NewContextAsync(string? locale = "nl-NL") => NewContextAsync(Browser, BaseUrl, locale);

    /// <summary>A new browser context on <paramref name="baseUrl"/> whose console errors and failed requests fail the test (<see cref="BrowserProblems"/>).</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string? locale = "nl-NL", int timeout = 15_000, string? storageState = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = locale, StorageState = storageState });
        context.SetDefaultTimeout(timeout);
        BrowserProblems.Watch(context);
        return context;
    }

    /// <summary>A new browser context signed in as <paramref name="person"/>, on <paramref name="path"/>, interactive (<see cref="BrowserSignIn"/>).</summary>
    public Task<IPage> SignInAsync(Guid person, string path, string? locale = "nl-NL") => BrowserSignIn.AsAsync(Browser, BaseUrl, person, path, locale);

    /// <summary>Opens a path, waits until the page is interactive, and fails on any axe-core WCAG 2.1 A/AA violation.</summary>
    public static async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitUntilInteractiveAsync(page);
        await AssertAccessibleAsync(page);
    }

    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("#kip-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task AssertAccessibleAsync(IPage page)
    {
        // Contrast is judged on what the user reads, not mid fade-in: let finite animations (a snackbar
        // appearing, a dialog opening) finish first; endless ones (a loading spinner) are left running.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => string.Join(" ", n.Target)).Take(3))}");
        Assert.True(result.Violations.Length == 0, $"axe-core WCAG 2.1 A/AA violations on {page.Url}:\n{string.Join("\n", violations)}");
        BrowserProblems.AssertNone(page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>For tests that want to see what the user saw.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), $"kip-{name}-{Stopwatch.GetTimestamp()}.png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
