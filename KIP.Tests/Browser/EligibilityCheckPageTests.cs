using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.EligibilityCheck;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>The quick scan as a visitor uses it: live as they type, kept in the URL, axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EligibilityCheckPageTests(BrowserFixture browser)
{
    private const string Mission = "Wij repareren fietsen met mensen die een afstand tot de arbeidsmarkt hebben, in Haarlem-Noord.";

    private static ILocator Criterion(IPage page, string code) => page.GetByTestId($"criterion-{code}");

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    [Fact]
    public async Task A_zzp_er_sees_each_criterion_change_as_they_type_and_finds_the_same_check_after_a_reload()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, QuickScan.Url);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Erkenningscheck");
        await Field(page, "Datum van de check").FillAsync("2026-11-26");
        await Assertions.Expect(page.GetByTestId("result-summary")).ToContainTextAsync("Op 26 november 2026 voldoet u aan geen van de zes criteria.");
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToHaveAttributeAsync("data-met", "false");

        await Field(page, "Rechtsvorm").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Eenmanszaak", Exact = true }).ClickAsync();
        await Field(page, "Aantal medewerkers in loondienst").FillAsync("1,5");
        await Assertions.Expect(page.GetByText("Aantal medewerkers in loondienst moet een geheel getal zijn, niet 1,5.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("result-summary")).ToContainTextAsync("Verbeter de gemarkeerde velden");

        await Field(page, "Aantal medewerkers in loondienst").FillAsync("0");
        await Field(page, "Maatschappelijke missie").FillAsync(Mission);
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToContainTextAsync("geldig tot en met 25 november 2028");
        await Assertions.Expect(page.GetByTestId("temporary-badge")).ToContainTextAsync("tot en met 25 november 2028");

        await Field(page, "PSO 30+-certificaat geldig tot en met").FillAsync("2026-03-31");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToContainTextAsync("was geldig tot en met 31 maart 2026");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToHaveAttributeAsync("data-met", "false");

        await Field(page, "PSO 30+-certificaat geldig tot en met").FillAsync("2027-06-30");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.GetByTestId("temporary-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("result-summary")).ToContainTextAsync("geldig tot en met 25 november 2028");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("pso30PlusValidUntil=2027-06-30"));
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);

        await Assertions.Expect(Field(page, "Datum van de check")).ToHaveValueAsync("2026-11-26");
        await Assertions.Expect(Field(page, "Aantal medewerkers in loondienst")).ToHaveValueAsync("0");
        await Assertions.Expect(Field(page, "Maatschappelijke missie")).ToHaveValueAsync(Mission);
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToContainTextAsync("30 juni 2027");

        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Eligibility check");
        await Assertions.Expect(Criterion(page, "pso-30-plus")).ToContainTextAsync("30 June 2027");
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToHaveAttributeAsync("data-met", "true");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await BrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_stichting_link_opens_the_check_filled_in_and_the_home_page_links_to_the_check()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/");

        await page.GetByTestId("home-eligibility-check").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}{QuickScan.Url}");

        await BrowserFixture.VisitAsync(page, $"{QuickScan.Url}?checkDate=2026-11-26&legalForm=stichting&graceStartedOn=2024-11-20");
        await Assertions.Expect(Criterion(page, "non-profit")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(page.GetByTestId("result-summary")).ToContainTextAsync("zonder einddatum");
        await Assertions.Expect(page.GetByTestId("grace-ended")).ToContainTextAsync("19 november 2026");
        await Assertions.Expect(Criterion(page, "startup-zzp")).ToContainTextAsync("de laatste dag was 19 november 2026");
    }
}
