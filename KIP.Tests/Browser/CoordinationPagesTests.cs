using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>The seats and meetings pages as the demo coordinator uses them, signed in through the real flow; axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CoordinationPagesTests(BrowserFixture browser)
{
    private Task<IPage> SignedInCoordinatorAsync(string path) => browser.SignInAsync(DemoPersons.Coordinator, path);

    [Fact]
    public async Task The_seats_page_shows_five_seats_with_history_and_refuses_an_unrecognised_business_representative_in_Dutch()
    {
        var page = await SignedInCoordinatorAsync(SeatsPage.Url);
        await using var context = page.Context;

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Zetels en termijnen");
        await Assertions.Expect(page.Locator("tr[data-testid^='seat-']")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("seat-business")).ToContainTextAsync("Pieter Bakker");
        await Assertions.Expect(page.GetByTestId("term-history")).ToHaveCountAsync(5);

        // One name for the business seat, the seed's ("vertegenwoordiger uit het bedrijfsleven"), in table and form.
        await Assertions.Expect(page.GetByTestId("seat-business").Locator("th")).ToHaveTextAsync("Bedrijfsleven");
        await Assertions.Expect(page.GetByText("Organisatie (zetel Bedrijfsleven)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ondernemers", new() { Exact = true })).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        // Business seat (the default) for Sanne, whose organisation is not recognised.
        await page.GetByTestId("appoint-person").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Sanne de Vries") }).ClickAsync();
        await page.GetByTestId("appoint-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("appoint-error")).ToContainTextAsync("moet komen van een organisatie die nu erkend is");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("end-term-business").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Pieter Bakker");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("seat-business")).ToContainTextAsync("Pieter Bakker");
    }

    [Fact]
    public async Task The_meetings_page_lists_the_year_and_a_meeting_shows_its_agenda()
    {
        var page = await SignedInCoordinatorAsync(MeetingsPage.Url);
        await using var context = page.Context;

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Vergaderingen");
        await Assertions.Expect(page.GetByTestId("meeting").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("plan-submit")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.Locator("input[data-testid='plan-place'], [data-testid='plan-place'] input").First.FillAsync(string.Empty);
        await page.GetByTestId("plan-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-error")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("meeting").Filter(new() { HasText = "gepland" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Vergadering van");
        await Assertions.Expect(page.GetByTestId("agenda-item")).ToHaveCountAsync(3);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
