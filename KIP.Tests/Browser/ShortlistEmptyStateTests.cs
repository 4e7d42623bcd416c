using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>An officer without a shortlist learns how to make one, and the texts name pages that exist.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShortlistEmptyStateTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_without_shortlists_is_shown_the_steps_and_each_named_page_and_button_exists()
    {
        var page = await browser.SignInAsync(DemoPersons.OfficerAndCoordinator, "/inkoop/shortlijsten");
        await using var context = page.Context;

        var steps = page.GetByTestId("no-shortlists");
        await Assertions.Expect(steps).ToContainTextAsync("U heeft nog geen shortlijsten. Zo maakt u er een:");
        await Assertions.Expect(steps.Locator("li")).ToHaveTextAsync([
            "Geef hierboven een naam op en kies „Shortlijst maken”.",
            "Zoek leveranciers op de pagina Inkoop en SROI.",
            "Kies bij „Toevoegen aan shortlijst” de shortlijst en klik bij een leverancier op „Op shortlijst”.",
        ]);
        await BrowserFixture.AssertAccessibleAsync(page);

        // The page the steps name is the menu's "Inkoop en SROI".
        await steps.GetByRole(AriaRole.Link, new() { Name = "Inkoop en SROI" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkoop en SROI");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Inkoop en SROI" }).First).ToBeVisibleAsync();
        await page.GoBackAsync();

        // Step 1, then the empty list says where to go next; that page has the button it names.
        await page.GetByRole(AriaRole.Button, new() { Name = "Shortlijst maken" }).WaitForAsync();
        await page.GetByLabel("Naam van de nieuwe shortlijst").FillAsync("Catering gemeentehuis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Shortlijst maken" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Catering gemeentehuis");
        await Assertions.Expect(page.GetByTestId("empty-shortlist")).ToContainTextAsync(
            "Deze shortlijst is nog leeg. Zoek leveranciers op de pagina Inkoop en SROI en klik bij een leverancier op „Op shortlijst”.");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("empty-shortlist").GetByRole(AriaRole.Link, new() { Name = "Naar Inkoop en SROI" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkoop en SROI");
        await Assertions.Expect(page.GetByLabel("Toevoegen aan shortlijst", new() { Exact = true })).ToHaveValueAsync("Catering gemeentehuis");
        var card = page.GetByTestId("supplier").Filter(new() { HasText = "Catering Met Kansen" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Op shortlijst: Catering Met Kansen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("staat op de shortlijst Catering gemeentehuis")).ToBeVisibleAsync();
    }
}
