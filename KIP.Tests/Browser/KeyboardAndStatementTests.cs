using KIP.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// With the keyboard only, the first Tab after a page load and after a navigation is
/// "Naar de inhoud", Enter on it moves focus into the content, and the menu works with Tab and Enter; and the
/// accessibility statement has the parts of the government model in both languages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndStatementTests(BrowserFixture browser)
{
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.id || e.className || e.tagName) + '|' + (e.textContent || '').trim() : ''; }");

    private static async Task AssertSkipLinkIsFirstTabStopAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".kip-skip-link")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".kip-skip-link")).ToHaveTextAsync("Naar de inhoud");
    }

    /// <summary>
    /// After a navigation the page puts focus on the spot just before the skip link (once the new page has rendered;
    /// a person's next key press comes after that, so the test waits for it too).
    /// </summary>
    private static Task AfterNavigationAsync(IPage page) => Assertions.Expect(page.Locator("#kip-top")).ToBeFocusedAsync();

    /// <summary>Tabs forward until the link named <paramref name="name"/> in the main menu has focus (at most 40 stops).</summary>
    private static async Task TabToMenuLinkAsync(IPage page, string name)
    {
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await link.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"'{name}' in the menu was not reached with Tab; focus is on {await FocusedAsync(page)}");
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_after_a_load_and_after_each_keyboard_navigation()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // 1. Home, loaded: Tab → skip link; Enter → focus in the content (main), not the menu.
        await BrowserFixture.VisitAsync(page, "/");
        await AssertSkipLinkIsFirstTabStopAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)"), await FocusedAsync(page));

        // 2. To "Aanbod" through the menu with Tab and Enter: after the navigation the first Tab is the skip link again.
        await page.Keyboard.PressAsync("Shift+Tab");
        await TabToMenuLinkAsync(page, "Aanbod");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/aanbod");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Aanbod");
        await Assertions.Expect(page.Locator("h1")).Not.ToBeFocusedAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        await AfterNavigationAsync(page);
        await AssertSkipLinkIsFirstTabStopAsync(page);

        // 3. On from the skip link, through the app bar to the menu: to the accessibility statement, the same again.
        await TabToMenuLinkAsync(page, "Toegankelijkheid");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/toegankelijkheid");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Toegankelijkheidsverklaring");
        await AfterNavigationAsync(page);
        await AssertSkipLinkIsFirstTabStopAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // 4. A fresh load of a third page: the same again.
        await BrowserFixture.VisitAsync(page, "/erkenningscheck");
        await AssertSkipLinkIsFirstTabStopAsync(page);
    }

    [Fact]
    public async Task The_accessibility_statement_names_organisation_site_date_status_testing_problems_contact_and_complaints()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/toegankelijkheid");

        await Assertions.Expect(page.GetByTestId("statement-organisation")).ToContainTextAsync("Gemeente Haarlem");
        await Assertions.Expect(page.GetByTestId("statement-site")).ToHaveTextAsync("KIP – Kennemerland Inkoop Platform");
        await Assertions.Expect(page.GetByTestId("statement-date")).ToHaveTextAsync("2 december 2026");
        await Assertions.Expect(page.GetByTestId("statement-standard")).ToContainTextAsync("WCAG 2.1 niveau AA (EN 301 549)");
        await Assertions.Expect(page.GetByTestId("statement-status")).ToHaveTextAsync("Voldoet gedeeltelijk");
        await Assertions.Expect(page.GetByTestId("statement-tested")).ToContainTextAsync("axe-core");
        await Assertions.Expect(page.GetByTestId("statement-tested")).ToContainTextAsync("toetsenbord");
        await Assertions.Expect(page.GetByTestId("statement-problems").Locator("li")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("We reageren binnen 5 werkdagen.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("statement-email")).ToHaveAttributeAsync("href", "mailto:toegankelijkheid@kip.example.nl");
        await Assertions.Expect(page.GetByTestId("statement-ombudsman")).ToHaveAttributeAsync("href", "https://www.nationaleombudsman.nl/");

        // English, through the language switch in the app bar.
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.GetByTestId("statement-status")).ToHaveTextAsync("Partially compliant");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("statement-date")).ToHaveTextAsync("2 December 2026");
        await Assertions.Expect(page.GetByText("We respond within 5 working days.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("statement-ombudsman")).ToHaveTextAsync("To the website of the National Ombudsman");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
