using KIP.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_page_explains_KIP_in_Dutch_and_passes_axe()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, "/");

        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welkom bij KIP");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Voor ondernemers" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Accessibility_statement_is_reachable_from_the_footer_and_passes_axe()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/");

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Toegankelijkheid" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/toegankelijkheid");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Toegankelijkheidsverklaring");
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Language_switch_turns_the_page_English_keeps_the_page_and_back()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/toegankelijkheid");

        await page.GetByTestId("language-switch").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accessibility statement");
        Assert.EndsWith("/toegankelijkheid", page.Url, StringComparison.Ordinal);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Toegankelijkheidsverklaring");
    }

    [Fact]
    public async Task Unknown_page_says_so_in_Dutch_and_passes_axe()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        BrowserProblems.ExpectAnswer(context, 404, "/bestaat-niet");

        await BrowserFixture.VisitAsync(page, "/bestaat-niet");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pagina niet gevonden");
    }

    [Fact]
    public async Task Skip_link_moves_keyboard_focus_to_the_content()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/");

        var firstFocusable = await page.EvaluateAsync<string>(
            "() => document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').textContent.trim()");
        Assert.Equal("Naar de inhoud", firstFocusable);
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud" });
        await skip.FocusAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }
}
