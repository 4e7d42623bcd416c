using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DirectoryTests(BrowserFixture browser)
{
    [Fact]
    public async Task Typing_narrows_the_results_a_profile_opens_and_back_returns_to_the_same_search()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");
        var search = new SupplierSearchScreen(page);
        var before = await search.Results.CountAsync();
        Assert.True(before >= 20);

        await search.TypeAsync("schoon");

        // Three say "schoon" in their texts; Glashelder Glazenwassers is found by its category Schoonmaak.
        await Assertions.Expect(search.ResultCount).ToHaveTextAsync("4 organisaties gevonden");
        await Assertions.Expect(search.Results).ToHaveCountAsync(4);
        Assert.Contains("query=schoon", page.Url, StringComparison.Ordinal);
        await BrowserFixture.AssertAccessibleAsync(page);

        await search.OpenProfileAsync("Schoonmaakbedrijf Schoon & Sociaal");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Schoonmaakbedrijf Schoon & Sociaal");
        await Assertions.Expect(page.GetByTestId("recognition")).ToContainTextAsync("PSO 30+");
        await Assertions.Expect(page.GetByTestId("contact-person")).ToHaveCountAsync(0); // a visitor sees no contact person
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GoBackAsync();

        await Assertions.Expect(search.Results).ToHaveCountAsync(4);
        await Assertions.Expect(search.SearchBox).ToHaveValueAsync("schoon");
    }

    [Fact]
    public async Task A_shared_search_link_opens_with_its_filters_applied()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, "/aanbod?municipality=velsen&category=schoonmaak&recognised=true");
        var search = new SupplierSearchScreen(page);

        await Assertions.Expect(search.Results).ToHaveCountAsync(1);
        await Assertions.Expect(search.Results).ToContainTextAsync("Schoonmaakbedrijf Schoon & Sociaal");
    }

    [Fact]
    public async Task The_SROI_page_lists_only_badge_holders_and_marks_temporary_badges_with_their_end_date()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserFixture.VisitAsync(page, "/sroi");
        var search = new SupplierSearchScreen(page);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("SROI-pagina: erkende sociale ondernemers");
        await Assertions.Expect(search.Card("Studio Zeewind")).ToContainTextAsync("Tijdelijke SROI-badge tot");
        await Assertions.Expect(search.Card("Vervoer op Maat")).ToHaveCountAsync(0);
        await Assertions.Expect(search.Card("Bouwstraat IJmond")).ToHaveCountAsync(0);
        var count = await search.Results.CountAsync();
        Assert.All(await search.Results.AllInnerTextsAsync(), text => Assert.Contains("SROI-badge", text, StringComparison.Ordinal));
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
