using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>An SROI officer builds a shortlist, shares its link and exports it to Excel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShortlistJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_officer_builds_a_shortlist_shares_a_read_only_link_and_exports_it()
    {
        var page = await browser.SignInAsync(DemoPersons.SroiOfficer, "/inkoop/shortlijsten");
        await using var context = page.Context;
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mijn shortlijsten");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Naam van de nieuwe shortlijst").FillAsync("Schoonmaak stadhuis Velsen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Shortlijst maken" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Schoonmaak stadhuis Velsen");

        await page.GotoAsync("/inkoop?query=schoon&municipality=velsen");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        var card = new SupplierSearchScreen(page).Card("Schoonmaakbedrijf Schoon & Sociaal");
        await Assertions.Expect(card.GetByTestId("contact-person")).ToContainTextAsync("Mehmet Kaya");
        await BrowserFixture.AssertAccessibleAsync(page);
        await card.GetByRole(AriaRole.Button, new() { Name = "Op shortlijst: Schoonmaakbedrijf Schoon & Sociaal" }).ClickAsync();
        await Assertions.Expect(page.GetByText("staat op de shortlijst Schoonmaak stadhuis Velsen")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn shortlijsten" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schoonmaak stadhuis Velsen" }).ClickAsync();
        await page.GetByLabel("Notitie", new() { Exact = true }).FillAsync("Referentie gemeente Velsen is goed");
        await page.GetByLabel("Notitie delen via de link").CheckAsync();
        await page.GetByTestId("save-note").ClickAsync();
        await Assertions.Expect(page.GetByText("Notitie opgeslagen.")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);
        var link = await page.GetByLabel("Alleen-lezen link").InputValueAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-shortlist").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("Schoonmaakbedrijf Schoon & Sociaal;34123456;", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);

        await using var partner = await browser.NewContextAsync();
        var shared = await partner.NewPageAsync();
        await BrowserFixture.VisitAsync(shared, link);
        await Assertions.Expect(shared.Locator("h1")).ToHaveTextAsync("Schoonmaak stadhuis Velsen");
        await Assertions.Expect(shared.GetByTestId("shared-note")).ToContainTextAsync("Referentie gemeente Velsen is goed");
        await Assertions.Expect(shared.GetByText("Mehmet Kaya")).ToHaveCountAsync(0);
        await Assertions.Expect(shared.GetByRole(AriaRole.Button, new() { Name = "Notitie opslaan" })).ToHaveCountAsync(0);
    }
}
