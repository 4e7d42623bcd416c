using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// After every keystroke (after the debounce) and every filter a person picks, the list, the
/// fields, the total, the export link and the address agree and accumulate; back and forward restore each state.
/// The same sequence on the officer's search, the directory and the SROI page. The fields show names, not codes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchFollowsThePersonTests(BrowserFixture browser)
{
    private SupplierSearch Search => new(browser.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>(), browser.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System);

    /// <summary>The five things agree with the search <paramref name="expected"/>, as the app's own search answers it.</summary>
    private async Task ExpectAsync(SupplierSearchScreen search, string path, SupplierQuery expected, bool sroiOnly, bool officer, string municipality = "", string category = "")
    {
        var result = await Search.SearchAsync(sroiOnly ? expected with { Recognised = true } : expected);
        var url = browser.BaseUrl + path + SupplierQueryString.ToQueryString(expected);

        await Assertions.Expect(search.Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(url) + "$"));
        await Assertions.Expect(search.ResultCount).ToHaveTextAsync(
            result.Total == 1 ? "1 organisatie gevonden" : $"{result.Total} organisaties gevonden");
        await Assertions.Expect(search.ResultNames).ToHaveTextAsync([.. result.Items.Select(i => i.Name)]);
        await Assertions.Expect(search.SearchBox).ToHaveValueAsync(expected.Text ?? string.Empty);
        await Assertions.Expect(search.Field("Gemeente")).ToHaveValueAsync(municipality);
        await Assertions.Expect(search.Field("Categorie")).ToHaveValueAsync(category);
        if (!sroiOnly)
        {
            await Assertions.Expect(search.Field("Erkenning")).ToHaveValueAsync(expected.Recognised == true ? "Alleen erkend (SROI-badge)" : "Alle organisaties");
        }

        if (officer)
        {
            await Assertions.Expect(search.ExportLink).ToHaveAttributeAsync("href", ProcurementExport.SearchUrl(expected));
        }
    }

    [Theory]
    [InlineData("/inkoop")]
    [InlineData("/aanbod")]
    [InlineData("/sroi")]
    public async Task Typing_then_three_filters_one_after_another_accumulate_everywhere_and_back_and_forward_restore_each_step(string path)
    {
        var officer = path == "/inkoop";
        var sroiOnly = path == "/sroi";
        IPage page;
        if (officer)
        {
            page = await browser.SignInAsync(DemoPersons.SroiOfficer, path);
            await BrowserFixture.AssertAccessibleAsync(page);
        }
        else
        {
            page = await (await browser.NewContextAsync()).NewPageAsync();
            await BrowserFixture.VisitAsync(page, path);
        }

        await using var context = page.Context;
        var search = new SupplierSearchScreen(page);

        var all = new SupplierQuery();
        await ExpectAsync(search, path, all, sroiOnly, officer);

        await search.TypeAsync("cafe");
        await ExpectAsync(search, path, new SupplierQuery { Text = "cafe" }, sroiOnly, officer);
        await Assertions.Expect(search.Card("Café De Ontmoeting")).ToHaveCountAsync(1);

        await search.ClearSearchAsync();
        await ExpectAsync(search, path, all, sroiOnly, officer);

        await search.PickAsync("Gemeente", "Velsen");
        var velsen = new SupplierQuery { Municipalities = [Municipality.Velsen] };
        await ExpectAsync(search, path, velsen, sroiOnly, officer, "Velsen");

        await search.PickAsync("Categorie", "Schoonmaak");
        var cleaning = velsen with { Categories = ["schoonmaak"] };
        await ExpectAsync(search, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");

        if (!sroiOnly)
        {
            await search.PickAsync("Erkenning", "Alleen erkend (SROI-badge)", multiple: false);
            await ExpectAsync(search, path, cleaning with { Recognised = true }, sroiOnly, officer, "Velsen", "Schoonmaak");
            await Assertions.Expect(search.ResultNames).ToHaveTextAsync(["Schoonmaakbedrijf Schoon & Sociaal"]);
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GoBackAsync();
            await ExpectAsync(search, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");
            await page.GoBackAsync();
            await ExpectAsync(search, path, velsen, sroiOnly, officer, "Velsen");
            await page.GoForwardAsync();
            await ExpectAsync(search, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");
        }
        else
        {
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GoBackAsync();
            await ExpectAsync(search, path, velsen, sroiOnly, officer, "Velsen");
            await page.GoBackAsync();
            await ExpectAsync(search, path, all, sroiOnly, officer);
            await page.GoForwardAsync();
            await ExpectAsync(search, path, velsen, sroiOnly, officer, "Velsen");
        }
    }

    [Fact]
    public async Task Two_municipalities_and_a_theme_show_their_names_in_the_fields()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");
        var search = new SupplierSearchScreen(page);

        await search.PickAsync("Gemeente", "Haarlem");
        await search.PickAsync("Gemeente", "Bloemendaal");
        await search.PickAsync("Categorie", "Re-integratie en opleiding");
        await search.PickAsync("Erkend op criterium", "Een stichting en/of non-profitorganisatie");

        await Assertions.Expect(search.Field("Gemeente")).ToHaveValueAsync("Haarlem, Bloemendaal");
        await Assertions.Expect(search.Field("Categorie")).ToHaveValueAsync("Re-integratie en opleiding");
        await Assertions.Expect(search.Field("Erkend op criterium")).ToHaveValueAsync("Een stichting en/of non-profitorganisatie");
        Assert.Contains("municipality=haarlem&municipality=bloemendaal", page.Url, StringComparison.Ordinal);
    }
}
