using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
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
    private SupplierSearch Search => new(browser.App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>(), TimeProvider.System);

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator SearchBox(IPage page) => Field(page, "Zoeken op naam, dienst of plaats");

    /// <summary>Opens a filter, ticks one option and closes the list again with Escape, as a person does.</summary>
    private static async Task PickAsync(IPage page, string label, string option, bool multiple = true)
    {
        await Field(page, label).ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        await item.ClickAsync();
        if (multiple)
        {
            // A multi-select stays open with the option ticked; a single select closes on the click.
            await Assertions.Expect(item).ToHaveAttributeAsync("aria-selected", "true");
            await page.Keyboard.PressAsync("Escape");
        }

        await Assertions.Expect(item).ToBeHiddenAsync();
    }

    /// <summary>The five things agree with the search <paramref name="expected"/>, as the app's own search answers it.</summary>
    private async Task ExpectAsync(IPage page, string path, SupplierQuery expected, bool sroiOnly, bool officer, string municipality = "", string category = "")
    {
        var result = await Search.SearchAsync(sroiOnly ? expected with { Recognised = true } : expected);
        var url = browser.BaseUrl + path + SupplierQueryString.ToQueryString(expected);

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(url) + "$"));
        await Assertions.Expect(page.GetByTestId("result-count")).ToHaveTextAsync(
            result.Total == 1 ? "1 organisatie gevonden" : $"{result.Total} organisaties gevonden");
        await Assertions.Expect(page.GetByTestId("supplier").Locator("h3")).ToHaveTextAsync([.. result.Items.Select(i => i.Name)]);
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync(expected.Text ?? string.Empty);
        await Assertions.Expect(Field(page, "Gemeente")).ToHaveValueAsync(municipality);
        await Assertions.Expect(Field(page, "Categorie")).ToHaveValueAsync(category);
        if (!sroiOnly)
        {
            await Assertions.Expect(Field(page, "Erkenning")).ToHaveValueAsync(expected.Recognised == true ? "Alleen erkend (SROI-badge)" : "Alle organisaties");
        }

        if (officer)
        {
            await Assertions.Expect(page.GetByTestId("export-search")).ToHaveAttributeAsync("href", ProcurementExport.SearchUrl(expected));
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
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        if (officer)
        {
            await page.GotoAsync(path);
            await page.GetByTestId($"demo-{DemoPersons.SroiOfficer}").ClickAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await BrowserFixture.AssertAccessibleAsync(page);
        }
        else
        {
            await BrowserFixture.VisitAsync(page, path);
        }

        var all = new SupplierQuery();
        await ExpectAsync(page, path, all, sroiOnly, officer);

        await SearchBox(page).PressSequentiallyAsync("cafe");
        await ExpectAsync(page, path, new SupplierQuery { Text = "cafe" }, sroiOnly, officer);
        await Assertions.Expect(page.GetByTestId("supplier").Filter(new() { HasText = "Café De Ontmoeting" })).ToHaveCountAsync(1);

        await SearchBox(page).FillAsync(string.Empty);
        await ExpectAsync(page, path, all, sroiOnly, officer);

        await PickAsync(page, "Gemeente", "Velsen");
        var velsen = new SupplierQuery { Municipalities = [Municipality.Velsen] };
        await ExpectAsync(page, path, velsen, sroiOnly, officer, "Velsen");

        await PickAsync(page, "Categorie", "Schoonmaak");
        var cleaning = velsen with { Categories = ["schoonmaak"] };
        await ExpectAsync(page, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");

        if (!sroiOnly)
        {
            await PickAsync(page, "Erkenning", "Alleen erkend (SROI-badge)", multiple: false);
            await ExpectAsync(page, path, cleaning with { Recognised = true }, sroiOnly, officer, "Velsen", "Schoonmaak");
            await Assertions.Expect(page.GetByTestId("supplier").Locator("h3")).ToHaveTextAsync(["Schoonmaakbedrijf Schoon & Sociaal"]);
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GoBackAsync();
            await ExpectAsync(page, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");
            await page.GoBackAsync();
            await ExpectAsync(page, path, velsen, sroiOnly, officer, "Velsen");
            await page.GoForwardAsync();
            await ExpectAsync(page, path, cleaning, sroiOnly, officer, "Velsen", "Schoonmaak");
        }
        else
        {
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GoBackAsync();
            await ExpectAsync(page, path, velsen, sroiOnly, officer, "Velsen");
            await page.GoBackAsync();
            await ExpectAsync(page, path, all, sroiOnly, officer);
            await page.GoForwardAsync();
            await ExpectAsync(page, path, velsen, sroiOnly, officer, "Velsen");
        }
    }

    [Fact]
    public async Task Two_municipalities_and_a_theme_show_their_names_in_the_fields()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");

        await PickAsync(page, "Gemeente", "Haarlem");
        await PickAsync(page, "Gemeente", "Bloemendaal");
        await PickAsync(page, "Categorie", "Re-integratie en opleiding");
        await PickAsync(page, "Erkend op criterium", "Een stichting en/of non-profitorganisatie");

        await Assertions.Expect(Field(page, "Gemeente")).ToHaveValueAsync("Haarlem, Bloemendaal");
        await Assertions.Expect(Field(page, "Categorie")).ToHaveValueAsync("Re-integratie en opleiding");
        await Assertions.Expect(Field(page, "Erkend op criterium")).ToHaveValueAsync("Een stichting en/of non-profitorganisatie");
        Assert.Contains("municipality=haarlem&municipality=bloemendaal", page.Url, StringComparison.Ordinal);
    }
}
