using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>KIP.Web on its own database of the run's scratch PostgreSQL, and Debian's Chromium.</summary>
public sealed class PostgresBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KipAppFactory App { get; } = new(PostgresServer.AppSettings("browser"));

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App.StartServer();
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(_playwright);
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
}

/// <summary>
/// The directory search on PostgreSQL (the engine of several servers) as a buyer uses it: a name typed without its accent, a two-letter
/// prefix, then one filter after another and back; after each step the list, the total and the address are what the
/// app's search answers. The full journey on every search page runs on SQLite (<see cref="SearchFollowsThePersonTests"/>).
/// </summary>
public sealed class PostgresSearchBrowserTests(PostgresBrowserFixture browser) : IClassFixture<PostgresBrowserFixture>
{
    private SupplierSearch Search => new(
        browser.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>(), browser.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System);

    private async Task ExpectAsync(SupplierSearchScreen search, SupplierQuery expected)
    {
        var result = await Search.SearchAsync(expected);
        Assert.NotEmpty(result.Items);
        await Assertions.Expect(search.Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(browser.App.BaseUrl + "/aanbod" + SupplierQueryString.ToQueryString(expected)) + "$"));
        await Assertions.Expect(search.ResultCount).ToHaveTextAsync(result.Total == 1 ? "1 organisatie gevonden" : $"{result.Total} organisaties gevonden");
        await Assertions.Expect(search.ResultNames).ToHaveTextAsync([.. result.Items.Select(i => i.Name)]);
    }

    [Fact]
    public async Task A_buyer_types_without_accents_and_a_two_letter_prefix_then_filters_one_after_another_and_goes_back()
    {
        Assert.IsType<KIP.Web.Data.Postgres.PostgresSupplierSearchSql>(browser.App.Services.GetRequiredService<ISupplierSearchSql>());
        await using var context = await BrowserFixture.NewContextAsync(browser.Browser, browser.App.BaseUrl);
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");
        var search = new SupplierSearchScreen(page);
        await ExpectAsync(search, new SupplierQuery());

        await search.TypeAsync("cafe ontmo");
        await ExpectAsync(search, new SupplierQuery { Text = "cafe ontmo" });
        await Assertions.Expect(search.ResultNames).ToHaveTextAsync(["Café De Ontmoeting"]);

        await search.ClearSearchAsync();
        await search.TypeAsync("sc");
        var prefix = new SupplierQuery { Text = "sc" };
        await ExpectAsync(search, prefix);
        await Assertions.Expect(search.Card("Schoonmaakbedrijf Schoon & Sociaal")).ToHaveCountAsync(1);

        await search.PickAsync("Gemeente", "Velsen");
        var velsen = prefix with { Municipalities = [Municipality.Velsen] };
        await ExpectAsync(search, velsen);

        await search.PickAsync("Categorie", "Schoonmaak");
        var cleaning = velsen with { Categories = ["schoonmaak"] };
        await ExpectAsync(search, cleaning);

        await search.PickAsync("Erkenning", "Alleen erkend (SROI-badge)", multiple: false);
        await ExpectAsync(search, cleaning with { Recognised = true });
        await Assertions.Expect(search.ResultNames).ToHaveTextAsync(["Schoonmaakbedrijf Schoon & Sociaal"]);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GoBackAsync();
        await ExpectAsync(search, cleaning);
        await page.GoBackAsync();
        await ExpectAsync(search, velsen);
    }
}
