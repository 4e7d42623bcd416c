using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// KIP on a fake clock with its own data (a role is taken away here), an open page asking every 2 seconds instead of
/// every minute whether its session and roles still hold, and a browser.
/// </summary>
public sealed class SessionBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public KipAppFactory App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public async Task InitializeAsync()
    {
        App = new KipAppFactory(
            new Dictionary<string, string?> { ["Kip:Sessions:RevalidationInterval"] = "00:00:02" },
            configure: host => host.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time)));
        App.StartServer();
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>Sessions as a person meets them (ASVS V7.3, V7.4): signing out, an expired session, a role taken away.</summary>
public sealed class SessionBrowserTests(SessionBrowserFixture fixture) : IClassFixture<SessionBrowserFixture>
{
    private static readonly Regex DemoSignIn = new("/account/demo-aanmelden");

    private Task<IBrowserContext> NewContextAsync() => BrowserFixture.NewContextAsync(fixture.Browser, fixture.App.BaseUrl);

    private async Task<IPage> SignInAsync(IBrowserContext context, Guid person, string page, string heading)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(page);
        await Assertions.Expect(tab).ToHaveURLAsync(DemoSignIn);
        await tab.GetByTestId($"demo-{person}").ClickAsync();
        await Assertions.Expect(tab).ToHaveURLAsync($"{fixture.App.BaseUrl}{page}");
        await BrowserFixture.WaitUntilInteractiveAsync(tab);
        await Assertions.Expect(tab.Locator("h1")).ToHaveTextAsync(heading);
        return tab;
    }

    [Fact]
    public async Task V7_4_1_After_signing_out_the_old_cookies_in_another_browser_lead_to_the_sign_in_page()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, DemoPersons.SroiOfficer, "/inkoop", "Inkoop en SROI");
        var cookies = await context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name.Contains("kip.session", StringComparison.Ordinal));

        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.App.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        // Someone who copied the cookies before "Uitloggen" puts them in another browser.
        await using var other = await NewContextAsync();
        await other.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        var thief = await other.NewPageAsync();
        await thief.GotoAsync("/inkoop");

        await Assertions.Expect(thief).ToHaveURLAsync(DemoSignIn);
        await Assertions.Expect(thief.Locator("h1")).ToHaveTextAsync("Inloggen bij de KIP-demo");
        await BrowserFixture.AssertAccessibleAsync(thief);
    }

    [Fact]
    public async Task V7_3_1_An_open_page_whose_session_expired_shows_the_expiry_page_and_signing_in_again_returns_to_it()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, DemoPersons.Coordinator, "/coordinatie", "Coördinatieteam");

        // Ahmed leaves the page open and does nothing for 31 minutes (staff: 30 minutes).
        fixture.Time.Advance(TimeSpan.FromMinutes(31));

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sessie-verlopen\\?returnUrl=%2Fcoordinatie$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Uw sessie is verlopen");
        await Assertions.Expect(page.GetByTestId("session-expired-why")).ToContainTextAsync("30 minuten voor medewerkers en commissieleden, 2 uur voor ondernemers");
        await Assertions.Expect(page.GetByTestId("session-expired-why")).ToContainTextAsync("12 uur na het inloggen");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);

        // Nothing happens by itself: the page stays until Ahmed chooses to sign in again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Opnieuw inloggen" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.App.BaseUrl}/coordinatie");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Coördinatieteam");
    }

    [Fact]
    public async Task V7_4_2_An_open_page_loses_a_coordination_role_taken_away_in_KIPs_data()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, DemoPersons.OfficerAndCoordinator, "/coordinatie", "Coördinatieteam");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Coördinatie" })).ToBeVisibleAsync();

        await SetRolesAsync(DemoPersons.OfficerAndCoordinator, KipRoles.SroiOfficer);
        try
        {
            // The page asks again (here every 2 s; in production every minute) and follows the data.
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Geen toegang");
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Coördinatie" })).ToHaveCountAsync(0);
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Inkoop en SROI" })).ToBeVisibleAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await BrowserFixture.AssertAccessibleAsync(page);
        }
        finally
        {
            await SetRolesAsync(DemoPersons.OfficerAndCoordinator, KipRoles.SroiOfficer, KipRoles.Coordination);
        }
    }

    private async Task SetRolesAsync(Guid person, params string[] roles)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        (await db.Persons.SingleAsync(p => p.Id == person)).Roles = roles;
        await db.SaveChangesAsync();
    }
}
