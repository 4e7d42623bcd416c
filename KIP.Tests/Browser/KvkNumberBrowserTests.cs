using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>Rulebook §3: the coordination team records an organisation's new KvK number; wrong input is named, nothing lost.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KvkNumberBrowserTests(BrowserFixture browser)
{
    private static readonly Guid Buurtkeuken = new("7a1c0000-0000-4000-8000-000000000007");

    [Fact]
    public async Task A_wrong_number_and_a_taken_one_are_named_the_right_one_is_confirmed_shown_and_kept_after_a_reload()
    {
        var page = await browser.SignInAsync(DemoPersons.Coordinator, CoordinationHome.Url);
        await using var context = page.Context;

        // From the coordination page, find the organisation by name and pick it.
        await page.GetByTestId("kvk-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("KvK-nummer wijzigen");
        var form = page.GetByTestId("kvk-organisation");
        await Assertions.Expect(form).ToHaveCountAsync(0);
        var search = page.Locator("input[data-testid='kvk-search'], [data-testid='kvk-search'] input").First;
        await search.FillAsync("buurtkeuken");
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Buurtkeuken Zandvoort") }).ClickAsync();
        await Assertions.Expect(form.Locator("h2")).ToHaveTextAsync("Buurtkeuken Zandvoort");
        await Assertions.Expect(form.GetByTestId("kvk-current")).ToHaveTextAsync("Huidig KvK-nummer: 41234568");
        await Assertions.Expect(form.GetByTestId("kvk-history")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        // Seven digits: the message beside the field, no confirmation, the typed number kept.
        var number = form.Locator("input[data-testid='kvk-new'], [data-testid='kvk-new'] input").First;
        await number.FillAsync("4123459");
        await form.GetByTestId("kvk-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Een KvK-nummer bestaat uit precies 8 cijfers.");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(number).ToHaveValueAsync("4123459");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The number of Schoon & Sociaal: one organisation per KvK number.
        await number.FillAsync("34123456");
        await form.GetByTestId("kvk-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Dit KvK-nummer is al in gebruik bij een andere organisatie in KIP");
        await Assertions.Expect(form).Not.ToContainTextAsync("precies 8 cijfers");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // The right number: the confirmation names both numbers; cancelling changes nothing.
        await number.FillAsync("41234599");
        await form.GetByTestId("kvk-submit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Het KvK-nummer van Buurtkeuken Zandvoort wordt 41234599 in plaats van 41234568.");
        await BrowserFixture.AssertAccessibleAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(form.GetByTestId("kvk-current")).ToHaveTextAsync("Huidig KvK-nummer: 41234568");
        await Assertions.Expect(form.GetByTestId("kvk-changed")).ToHaveCountAsync(0);

        // Confirmed: shown at once, with the old number in the history.
        await form.GetByTestId("kvk-submit").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "KvK-nummer vastleggen" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("kvk-changed")).ToHaveTextAsync("Het KvK-nummer van Buurtkeuken Zandvoort is nu 41234599.");
        await Assertions.Expect(form.GetByTestId("kvk-current")).ToHaveTextAsync("Huidig KvK-nummer: 41234599");
        await Assertions.Expect(form.GetByTestId("kvk-history")).ToContainTextAsync("41234568, vervangen door 41234599 op");
        await Assertions.Expect(number).ToHaveValueAsync(string.Empty);
        await BrowserFixture.AssertAccessibleAsync(page);

        // A reload shows the same organisation with its new number; so does its public profile.
        await page.ReloadAsync();
        await Assertions.Expect(form.GetByTestId("kvk-current")).ToHaveTextAsync("Huidig KvK-nummer: 41234599");
        await Assertions.Expect(form.GetByTestId("kvk-history")).ToContainTextAsync("41234568");
        await BrowserFixture.AssertAccessibleAsync(page);
        await BrowserFixture.VisitAsync(page, $"/aanbod/{Buurtkeuken}");
        await Assertions.Expect(page.GetByText("41234599")).ToBeVisibleAsync();
    }
}
