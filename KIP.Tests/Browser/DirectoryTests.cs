using KIP.Tests.Infrastructure;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DirectoryTests(BrowserFixture browser)
{
    private static ILocator Results(IPage page) => page.GetByTestId("supplier");

    [Fact]
    public async Task Typing_narrows_the_results_a_profile_opens_and_back_returns_to_the_same_search()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");
        var before = await Results(page).CountAsync();
        Assert.True(before >= 20);

        await page.GetByLabel("Zoeken op naam, dienst of plaats").PressSequentiallyAsync("schoon");

        // Three say "schoon" in their texts; Glashelder Glazenwassers is found by its category Schoonmaak.
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync("4 organisaties gevonden");
        await Assertions.Expect(Results(page)).ToHaveCountAsync(4);
        Assert.Contains("query=schoon", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Schoonmaakbedrijf Schoon & Sociaal" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Schoonmaakbedrijf Schoon & Sociaal");
        await Assertions.Expect(page.GetByTestId("recognition")).ToContainTextAsync("PSO 30+");
        await Assertions.Expect(page.GetByTestId("contact-person")).ToHaveCountAsync(0); // a visitor sees no contact person
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GoBackAsync();

        await Assertions.Expect(Results(page)).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByLabel("Zoeken op naam, dienst of plaats")).ToHaveValueAsync("schoon");
    }

    [Fact]
    public async Task A_shared_search_link_opens_with_its_filters_applied()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, "/aanbod?municipality=velsen&category=schoonmaak&recognised=true");

        await Assertions.Expect(Results(page)).ToHaveCountAsync(1);
        await Assertions.Expect(Results(page)).ToContainTextAsync("Schoonmaakbedrijf Schoon & Sociaal");
    }

    [Fact]
    public async Task The_SROI_page_lists_only_badge_holders_and_marks_temporary_badges_with_their_end_date()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, "/sroi");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("SROI-pagina: erkende sociale ondernemers");
        await Assertions.Expect(Results(page).Filter(new() { HasText = "Studio Zeewind" })).ToContainTextAsync("Tijdelijke SROI-badge tot");
        await Assertions.Expect(Results(page).Filter(new() { HasText = "Vervoer op Maat" })).ToHaveCountAsync(0);
        await Assertions.Expect(Results(page).Filter(new() { HasText = "Bouwstraat IJmond" })).ToHaveCountAsync(0);
        var count = await Results(page).CountAsync();
        Assert.All(await Results(page).AllInnerTextsAsync(), text => Assert.Contains("SROI-badge", text, StringComparison.Ordinal));
        Assert.True(count >= 14);
    }

    [Fact]
    public async Task An_unknown_profile_says_so()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, $"/aanbod/{Guid.NewGuid()}");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Organisatie niet gevonden");
    }
}
