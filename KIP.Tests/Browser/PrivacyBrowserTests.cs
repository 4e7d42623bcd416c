using System.Text.Json;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// AVG as a person walks it: Sanne opens "Mijn gegevens" from the menu, downloads her data, asks for erasure
/// (cancels once, then confirms); Ahmed of the coordination team sees the request with what depends on it and
/// carries it out; Sanne's page then says her data are gone. Its own app: the erasure changes a demo person.
/// </summary>
public sealed class PrivacyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignInAsync(Guid person)
    {
        var page = await browser.SignInAsync(person, "/");
        await BrowserFixture.AssertAccessibleAsync(page);
        return page;
    }

    [Fact]
    public async Task An_entrepreneur_downloads_her_data_asks_for_erasure_and_the_coordination_team_carries_it_out()
    {
        var sanne = await SignInAsync(DemoPersons.Entrepreneur);
        await using var sanneContext = sanne.Context;

        // From the menu to "Mijn gegevens": what KIP holds, in plain words.
        await sanne.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" }).GetByRole(AriaRole.Link, new() { Name = "Mijn gegevens" }).ClickAsync();
        await Assertions.Expect(sanne.Locator("h1")).ToHaveTextAsync("Mijn gegevens");
        await BrowserFixture.WaitUntilInteractiveAsync(sanne);
        await Assertions.Expect(sanne.GetByTestId("my-name")).ToHaveTextAsync("Sanne de Vries");
        await Assertions.Expect(sanne.GetByTestId("my-email")).ToHaveTextAsync("sanne@fietsenmakerij-haarlem.example.nl");
        await Assertions.Expect(sanne.GetByTestId("my-organisations")).ToHaveTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(sanne.GetByTestId("erasure-stays")).ToContainTextAsync("stemmen op naam");
        await BrowserFixture.AssertAccessibleAsync(sanne);

        // The download: her data and her organisation's, nobody else's.
        var download = await sanne.RunAndWaitForDownloadAsync(() => sanne.GetByTestId("download-my-data").ClickAsync());
        Assert.StartsWith("kip-mijn-gegevens-", download.SuggestedFilename, StringComparison.Ordinal);
        await Assertions.Expect(sanne).ToHaveURLAsync($"{browser.BaseUrl}/mijn-gegevens");
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        using (var json = JsonDocument.Parse(text))
        {
            Assert.Equal("sanne@fietsenmakerij-haarlem.example.nl", json.RootElement.GetProperty("person").GetProperty("email").GetString());
            Assert.Equal("81234567", json.RootElement.GetProperty("organisations")[0].GetProperty("kvkNumber").GetString());
        }

        Assert.DoesNotContain("Mehmet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Schoon & Sociaal", text, StringComparison.Ordinal);

        // She asks for erasure: the dialog says what happens; she cancels first, and nothing is asked.
        await sanne.GetByTestId("request-erasure").ClickAsync();
        var dialog = sanne.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("kunt u niet meer inloggen als uzelf");
        await Assertions.Expect(dialog).ToContainTextAsync("Besluiten met stemmen op naam blijven bewaard");
        await BrowserFixture.AssertAccessibleAsync(sanne);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(sanne.GetByTestId("erasure-requested")).ToHaveCountAsync(0);

        await sanne.GetByTestId("request-erasure").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijdering aanvragen" }).ClickAsync();
        await Assertions.Expect(sanne.GetByTestId("erasure-requested")).ToContainTextAsync("gevraagd uw gegevens te verwijderen");
        await Assertions.Expect(sanne.GetByTestId("request-erasure")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(sanne);

        // Asked is not erased: after a reload she still sees her data and her open request.
        await BrowserFixture.VisitAsync(sanne, "/mijn-gegevens");
        await Assertions.Expect(sanne.GetByTestId("my-name")).ToHaveTextAsync("Sanne de Vries");
        await Assertions.Expect(sanne.GetByTestId("erasure-requested")).ToBeVisibleAsync();

        // The coordination team sees the request from its home page, with what depends on Sanne.
        var ahmed = await SignInAsync(DemoPersons.Coordinator);
        await using var ahmedContext = ahmed.Context;
        await BrowserFixture.VisitAsync(ahmed, "/coordinatie");
        await Assertions.Expect(ahmed.GetByTestId("erasure-link")).ToContainTextAsync("(open: 1)");
        await ahmed.GetByTestId("erasure-link").ClickAsync();
        await Assertions.Expect(ahmed.Locator("h1")).ToHaveTextAsync("Verzoeken om verwijdering");
        await BrowserFixture.WaitUntilInteractiveAsync(ahmed);
        var item = ahmed.GetByTestId("erasure-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("Sanne de Vries");
        await Assertions.Expect(item).ToContainTextAsync("sanne@fietsenmakerij-haarlem.example.nl");
        await Assertions.Expect(item.GetByTestId("erasure-warning").Filter(new() { HasText = "staat in het aanbod" })).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(item.GetByTestId("erasure-warning").Filter(new() { HasText = "lopende aanvraag" })).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(ahmed.GetByTestId("erasure-done-empty")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(ahmed);

        // He carries it out, confirming in the dialog that names her.
        await item.GetByTestId("erase").ClickAsync();
        var confirm = ahmed.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("De persoonsgegevens van Sanne de Vries verwijderen?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijderen" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(ahmed.GetByTestId("erasure-empty")).ToBeVisibleAsync();
        await Assertions.Expect(ahmed.GetByTestId("erasure-done-item")).ToContainTextAsync("Verwijderde persoon");
        await Assertions.Expect(ahmed.GetByTestId("erasure-done-item")).Not.ToContainTextAsync("Sanne");
        await BrowserFixture.AssertAccessibleAsync(ahmed);

        // Sanne's page: her data are gone, and no button to ask again.
        await BrowserFixture.VisitAsync(sanne, "/mijn-gegevens");
        await Assertions.Expect(sanne.GetByTestId("erasure-done")).ToContainTextAsync("Uw persoonsgegevens zijn verwijderd");
        await Assertions.Expect(sanne.GetByTestId("my-name")).ToHaveTextAsync("Verwijderde persoon");
        await Assertions.Expect(sanne.GetByTestId("my-email")).Not.ToContainTextAsync("sanne@");
        await Assertions.Expect(sanne.GetByTestId("my-organisations")).ToHaveTextAsync("Geen");
        await Assertions.Expect(sanne.GetByTestId("request-erasure")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_processing_register_is_public_from_the_footer_and_reads_in_English_too()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/aanbod");

        await page.GetByTestId("footer-privacy").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Privacy: wat KIP verwerkt");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("processing-row")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("processing-basis")).ToContainTextAsync("artikel 6 lid 1 onder e");
        await Assertions.Expect(page.GetByTestId("processing-row").Filter(new() { HasText = "Leden van de Commissie" })).ToContainTextAsync("stemmen op naam: blijvend");
        await BrowserFixture.AssertAccessibleAsync(page);

        // The link to "Mijn gegevens" asks a visitor to sign in first.
        await Assertions.Expect(page.GetByTestId("my-data-link")).ToHaveAttributeAsync("href", "/mijn-gegevens");

        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Privacy: what KIP processes");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("processing-basis")).ToContainTextAsync("article 6(1)(e)");
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
