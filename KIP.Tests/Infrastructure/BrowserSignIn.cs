using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KIP.Web.Identity;
using Microsoft.Playwright;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// The one way a browser test becomes a signed-in demo person: the real OpenID Connect flow (the demo sign-in page,
/// a click on the person) the first time per person per app, after which the browser's stored state (its cookies,
/// Playwright's <c>StorageStateAsync</c>) is kept; the next test of that person on that app starts a new context
/// with it and is signed in at once. A kept state that no longer works (the session ended, another app on the
/// port) is walked again. Tests whose subject is the sign-in itself walk it themselves.
/// </summary>
public static class BrowserSignIn
{
    private const int WalkTimeout = 60_000;

    private static readonly ConcurrentDictionary<(string App, Guid Person), string> States = new();

    /// <summary>
    /// A new browser context (watched by <see cref="BrowserProblems"/>) signed in as <paramref name="person"/> on
    /// <paramref name="path"/> of the app at <paramref name="baseUrl"/>, interactive. Dispose it with <c>page.Context</c>.
    /// <paramref name="cookies"/> go into the context before its first request (e.g. nginx's affinity cookie).
    /// </summary>
    public static async Task<IPage> AsAsync(IBrowser browser, string baseUrl, Guid person, string path, string? locale = "nl-NL", int timeout = 15_000, IEnumerable<Cookie>? cookies = null)
    {
        var key = (baseUrl, person);
        var context = await BrowserFixture.NewContextAsync(browser, baseUrl, locale, timeout, States.GetValueOrDefault(key));
        if (cookies is not null)
        {
            await context.AddCookiesAsync(cookies);
        }

        var page = await context.NewPageAsync();

        // The first pages of a freshly started app (a cold process on a busy machine) may take far longer than a click.
        var walk = Math.Max(timeout, WalkTimeout);
        await page.GotoAsync(path, new() { Timeout = walk });
        if (!await SignedInAsync(page))
        {
            if (!DemoSignInPage().IsMatch(page.Url))
            {
                // A public page shown to an anonymous visitor: ask to sign in, and come back here.
                await page.GotoAsync($"{AccessSetup.LoginPath}?returnUrl={Uri.EscapeDataString(path)}", new() { Timeout = walk });
            }

            await page.GetByTestId($"demo-{person}").ClickAsync(new() { Timeout = walk });
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(baseUrl + path) + "$"), new() { Timeout = walk });
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        States[key] = await context.StorageStateAsync();
        return page;
    }

    private static async Task<bool> SignedInAsync(IPage page) =>
        !DemoSignInPage().IsMatch(page.Url) && await page.Locator("form.kip-signout").CountAsync() > 0;

    private static Regex DemoSignInPage() => new(Regex.Escape(KIP.Web.Components.Pages.Account.DemoSignIn.Url));
}
