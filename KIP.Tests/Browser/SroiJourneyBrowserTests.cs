using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Tests.Infrastructure.PageObjects;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Data;
using KIP.Web.Sroi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// An SROI contract from entry to the region's picture, walked as the people do it (rulebook §7): officer Lotte enters a contract of € 1.200.000
/// for Bloemendaal (wrong first, then right with the keyboard only) and reads the obligation of € 60.000 explained in
/// words; contract partner Bas adds three purchases from badge holders with their invoices as PDF, one dated after its
/// supplier's badge lapsed; Lotte verifies two and refuses that one with a reason; the contract, its chart's table,
/// the CSV export and coordinator Ahmed's overview show the same sum. Every page is axe-clean on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SroiJourneyBrowserTests(BrowserFixture browser)
{
    private const string Title = "Beheer sportparken Bloemendaal";
    private const string Reference = "BLD-2026-207";
    private const string Lapsed = "Vervoer op Maat Beverwijk";
    private static readonly CultureInfo Dutch = new("nl-NL");
    private static readonly FilePayload Invoice = new() { Name = "factuur.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray() };

    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Dutch);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An amount as the SROI pages show it: € 19.900,50, or € 60.000 without cents.</summary>
    private static string Money(decimal amount) => "€ " + amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", Dutch);

    private static string QuarterLabel(DateOnly date) => $"K{((date.Month - 1) / 3) + 1} {date.Year}";

    /// <summary>The region's SROI spend for Bloemendaal in the quarter of <paramref name="date"/>, as the database holds it now.</summary>
    private async Task<decimal> BloemendaalSpendAsync(DateOnly date)
    {
        using var scope = browser.App.Services.CreateScope();
        var spend = await scope.ServiceProvider.GetRequiredService<SroiRealisationService>().SpendPerQuarterAsync();
        return spend.Where(s => s.Quarter == KIP.Domain.Region.Quarter.Of(date) && s.Municipality == Municipality.Bloemendaal).Sum(s => s.Amount);
    }

    [Fact]
    public async Task An_officer_enters_a_contract_the_partner_adds_three_purchases_the_officer_verifies_and_contract_chart_csv_and_overview_agree()
    {
        // The two purchases that count are dated 21 days ago; the lapsed supplier's badge ended 20 days ago (demo data).
        var counted = Today.AddDays(-21);
        var afterLapse = Today.AddDays(-19);
        var spendBefore = await BloemendaalSpendAsync(counted);

        // 1. Lotte opens the new-contract form from her list of contracts.
        var officerPage = await browser.SignInAsync(DemoPersons.SroiOfficer, ContractsUrl);
        await using var officerContext = officerPage.Context;
        await BrowserFixture.AssertAccessibleAsync(officerPage);
        await officerPage.GetByTestId("new-contract").ClickAsync();
        await Assertions.Expect(officerPage).ToHaveURLAsync($"{browser.BaseUrl}/sroi/contracten/nieuw");
        var form = new NewSroiContractScreen(officerPage);
        await BrowserFixture.AssertAccessibleAsync(officerPage);

        // 2. First wrong: no value, and a period that ends a year before it starts. Each field says what is wrong; nothing typed is lost.
        var start = Today.AddDays(-60);
        var end = start.AddYears(2);
        await form.ChooseAsync("Gemeente", "Bloemendaal");
        await form.Field("field-partner-kvk").FillAsync(DemoPersons.DuinzichtKvk);
        await form.Field("field-partner-name").FillAsync("Aannemersbedrijf Duinzicht B.V.");
        await form.Field("field-title").FillAsync(Title);
        await form.Field("field-reference").FillAsync(Reference);
        await form.ChooseAsync("Soort opdracht", "Diensten");
        await form.Field("field-period-start").FillAsync(Iso(start));
        await form.Field("field-period-end").FillAsync(Iso(start.AddYears(-1)));
        await form.SaveAsync();

        await Assertions.Expect(form.FormError).ToHaveTextAsync("Niet alle velden zijn goed ingevuld; zie de meldingen bij de velden.");
        await Assertions.Expect(form.MessageOf("field-value")).ToHaveTextAsync("Vul de waarde excl. btw in.");
        await Assertions.Expect(form.Field("field-value")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(form.MessageOf("field-period-end")).ToHaveTextAsync("De einddatum ligt vóór de begindatum.");
        await Assertions.Expect(form.Field("field-title")).ToHaveAttributeAsync("aria-invalid", "false");
        await Assertions.Expect(form.Field("field-title")).ToHaveValueAsync(Title);
        await Assertions.Expect(form.Field("field-period-start")).ToHaveValueAsync(Iso(start));
        await Assertions.Expect(officerPage).ToHaveURLAsync($"{browser.BaseUrl}/sroi/contracten/nieuw");
        await BrowserFixture.AssertAccessibleAsync(officerPage);

        // 3. Then right, with the keyboard only: type the value, Tab on to the end date, Tab to its year (the last part
        // in Dutch and English alike), raise it three years with the arrow key, Tab on to "Contract opslaan", press Enter.
        await form.Field("field-value").FocusAsync();
        await officerPage.Keyboard.TypeAsync("1.200.000");
        await TabUntilFocusedAsync(form.Field("field-period-end"));
        await officerPage.Keyboard.PressAsync("Tab");
        await officerPage.Keyboard.PressAsync("Tab");
        for (var year = 0; year < 3; year++)
        {
            await officerPage.Keyboard.PressAsync("ArrowUp");
        }

        await Assertions.Expect(form.Field("field-period-end")).ToHaveValueAsync(Iso(end));
        await TabUntilFocusedAsync(officerPage.GetByTestId("save-contract"));
        await officerPage.Keyboard.PressAsync("Enter");

        await Assertions.Expect(officerPage).ToHaveURLAsync(new Regex("/sroi/contracten/[0-9a-f-]{36}$"));
        var contractPath = new Uri(officerPage.Url).AbsolutePath;
        var officer = new SroiContractScreen(officerPage);
        await Assertions.Expect(officer.Title).ToHaveTextAsync(Title);
        await Assertions.Expect(officer.ObligationAmount).ToHaveTextAsync("€ 60.000");
        await Assertions.Expect(officer.ObligationExplanation).ToHaveTextAsync("Diensten vanaf € 200.000 excl. btw: 5% van € 1.200.000 = € 60.000");
        await Assertions.Expect(officer.Facts).ToContainTextAsync("Aannemersbedrijf Duinzicht B.V. (KvK 60123456)");
        await Assertions.Expect(officer.Facts).ToContainTextAsync($"{Date(start)} tot en met {Date(end)}");
        await Assertions.Expect(officer.ProgressSummary).ToHaveTextAsync("Gerealiseerd: € 0 van € 60.000 (0%).");
        await Assertions.Expect(officerPage.GetByTestId("no-invoices")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(officerPage);

        // The back button leads to the list with the new contract (not to an empty form); its link opens it again.
        await officerPage.GoBackAsync();
        await Assertions.Expect(officerPage).ToHaveURLAsync(browser.BaseUrl + ContractsUrl);
        var listed = officerPage.GetByTestId("contract-row").Filter(new() { HasTextString = Title });
        await Assertions.Expect(listed).ToContainTextAsync("€ 60.000");
        await Assertions.Expect(listed).ToContainTextAsync("€ 0 (0%)");
        await BrowserFixture.AssertAccessibleAsync(officerPage);
        await listed.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(officerPage).ToHaveURLAsync(browser.BaseUrl + contractPath);
        await Assertions.Expect(officer.ObligationAmount).ToHaveTextAsync("€ 60.000");

        // 4. Bas finds the contract under "Mijn contracten" and first saves an empty purchase: every field says what it needs.
        var partnerPage = await browser.SignInAsync(DemoPersons.ContractPartner, "/mijn-contracten");
        await using var partnerContext = partnerPage.Context;
        await BrowserFixture.AssertAccessibleAsync(partnerPage);
        var mine = partnerPage.GetByTestId("contract-row").Filter(new() { HasTextString = Title });
        await Assertions.Expect(mine).ToContainTextAsync("€ 60.000");
        await mine.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(partnerPage).ToHaveURLAsync(browser.BaseUrl + contractPath);
        var partner = new SroiContractScreen(partnerPage);
        await Assertions.Expect(partner.ObligationAmount).ToHaveTextAsync("€ 60.000");
        await BrowserFixture.AssertAccessibleAsync(partnerPage);

        await partner.SaveInvoiceAsync();
        await Assertions.Expect(partner.InvoiceFormError).ToBeVisibleAsync();
        await Assertions.Expect(SroiContractScreen.MessageOf(partner.SupplierBox)).ToHaveTextAsync("Kies een leverancier uit het SROI-register.");
        await Assertions.Expect(SroiContractScreen.MessageOf(partner.InvoiceNumber)).ToHaveTextAsync("Vul het factuurnummer in.");
        await Assertions.Expect(SroiContractScreen.MessageOf(partner.InvoiceDate)).ToHaveTextAsync("Vul de factuurdatum in.");
        await Assertions.Expect(SroiContractScreen.MessageOf(partner.Amount)).ToHaveTextAsync("Vul het bedrag excl. btw in.");
        await Assertions.Expect(partner.PdfState).ToHaveTextAsync("Voeg de factuur toe als pdf.");
        await BrowserFixture.AssertAccessibleAsync(partnerPage);

        // 5. Three purchases from badge holders; the form says before saving whether the supplier held the badge that day.
        await AddPurchaseAsync(partner, "Schoon", "Schoonmaakbedrijf Schoon & Sociaal", "SS-2026-0871", counted, "12.500", held: true);
        await AddPurchaseAsync(partner, "Catering", "Catering Met Kansen", "CMK-8102", counted, "7400,50", held: true);
        await AddPurchaseAsync(partner, "Vervoer", Lapsed, "VOM-2026-033", afterLapse, "3.000", held: false);
        await Assertions.Expect(partner.InvoiceRows).ToHaveCountAsync(3);
        await Assertions.Expect(partner.StatusOf("SS-2026-0871")).ToHaveTextAsync("Ingediend, wacht op controle");
        await Assertions.Expect(partner.CountsOf("SS-2026-0871")).ToHaveTextAsync("Telt mee na controle");
        await Assertions.Expect(partner.CountsOf("VOM-2026-033")).ToHaveTextAsync("Telt niet mee: de leverancier had op de factuurdatum geen geldig keurmerk");
        await Assertions.Expect(partner.ProgressSummary).ToHaveTextAsync("Gerealiseerd: € 0 van € 60.000 (0%).");
        await BrowserFixture.AssertAccessibleAsync(partnerPage);

        // 6. Lotte, back on the contract, verifies the two and refuses the third: first without a reason, then naming the problem.
        await officerPage.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(officerPage);
        await Assertions.Expect(officer.InvoiceRows).ToHaveCountAsync(3);
        await Assertions.Expect(officer.CountsOf("VOM-2026-033")).ToHaveTextAsync("Telt niet mee: de leverancier had op de factuurdatum geen geldig keurmerk");
        await officer.VerifyAsync("SS-2026-0871");
        await Assertions.Expect(officer.ProgressSummary).ToHaveTextAsync("Gerealiseerd: € 12.500 van € 60.000 (20%).");
        await officer.VerifyAsync("CMK-8102");
        await officer.StartRefusingAsync("VOM-2026-033");
        await officer.ConfirmRefusalAsync("VOM-2026-033");
        await Assertions.Expect(SroiContractScreen.MessageOf(officer.RefusalReason("VOM-2026-033"))).ToHaveTextAsync("Vul een reden in.");
        var reason = $"{Lapsed} had op {Date(afterLapse)} geen geldig keurmerk meer (verlopen op {Date(Today.AddDays(-20))}).";
        await officer.RefusalReason("VOM-2026-033").FillAsync(reason);
        await officer.ConfirmRefusalAsync("VOM-2026-033");
        await Assertions.Expect(officer.StatusOf("VOM-2026-033")).ToContainTextAsync("Afgewezen");
        await Assertions.Expect(officer.StatusOf("VOM-2026-033")).ToContainTextAsync($"Reden: {reason}");

        // Exactly the two that count; progress, chart table and total agree with their sum (VAT never added).
        await Assertions.Expect(officer.CountsOf("SS-2026-0871")).ToHaveTextAsync("Telt mee: € 12.500");
        await Assertions.Expect(officer.CountsOf("CMK-8102")).ToHaveTextAsync("Telt mee: € 7.400,50");
        await Assertions.Expect(officer.CountsOf("VOM-2026-033")).ToHaveTextAsync("Telt niet mee: afgewezen");
        await Assertions.Expect(officerPage.GetByTestId("invoice-counts").Filter(new() { HasTextRegex = new Regex("^Telt mee: ") })).ToHaveCountAsync(2);
        await Assertions.Expect(officer.ProgressSummary).ToHaveTextAsync("Gerealiseerd: € 19.900,50 van € 60.000 (33%).");
        await Assertions.Expect(officer.ProgressState).ToContainTextAsync("Nog te realiseren: € 40.099,50.");
        await Assertions.Expect(officer.ProgressTotal).ToHaveTextAsync("€ 19.900,50");
        await Assertions.Expect(officer.ProgressRow(QuarterLabel(counted)).Locator("td").First).ToHaveTextAsync("€ 19.900,50");
        await Assertions.Expect(officer.ProgressRow(QuarterLabel(counted)).Locator("td").Last).ToHaveTextAsync("€ 19.900,50");
        await Assertions.Expect(officer.Chart.Locator("svg").First).ToBeAttachedAsync();
        await BrowserFixture.AssertAccessibleAsync(officerPage);

        // 7. Bas sees the decisions on his page too.
        await partnerPage.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(partnerPage);
        await Assertions.Expect(partner.StatusOf("VOM-2026-033")).ToContainTextAsync(reason);
        await Assertions.Expect(partner.ProgressTotal).ToHaveTextAsync("€ 19.900,50");

        // 8. The CSV of Bloemendaal from the overview opens in Dutch Excel: BOM, ';', decimal comma, Dutch headers.
        await BrowserFixture.VisitAsync(officerPage, RegionOverviewPage.Url);
        var download = await officerPage.RunAndWaitForDownloadAsync(() =>
            officerPage.GetByRole(AriaRole.Link, new() { Name = "Contracten en realisatie van Bloemendaal (CSV)" }).ClickAsync());
        Assert.Matches(@"^kip-sroi-bloemendaal-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        Assert.Equal(["Referentie", "Titel", "Gemeente", "Contractpartner", "KvK-nummer", "Soort"], header[..6]);
        var cells = lines.Single(l => l.StartsWith(Reference + ";", StringComparison.Ordinal)).Split(';');
        Assert.Equal(header.Length, cells.Length);
        string Cell(string name) => cells[Array.IndexOf(header, name)];
        Assert.Equal((Title, "Bloemendaal", "Diensten"), (Cell("Titel"), Cell("Gemeente"), Cell("Soort")));
        Assert.Equal("1200000,00", Cell("Waarde excl. btw (EUR)"));
        Assert.Equal((start.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), end.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)), (Cell("Begin"), Cell("Einde")));
        Assert.Equal("60000,00", Cell("Verplichting (EUR)"));
        Assert.Equal("19900,50", Cell("Gerealiseerd (EUR)"));
        Assert.Equal("19900,50", Cell("Waarvan facturen (EUR)"));
        Assert.Equal("33", Cell("Gerealiseerd (%)"));
        Assert.Equal("40099,50", Cell("Nog te realiseren (EUR)"));
        Assert.Equal(("2", "0", "1"), (Cell("Facturen geteld"), Cell("Facturen te verifiëren"), Cell("Facturen niet geteld")));
        Assert.Equal((end.DayNumber - Today.DayNumber).ToString(CultureInfo.InvariantCulture), Cell("Dagen tot einde"));

        // 9. Ahmed's overview shows Bloemendaal's spend in that quarter, grown by exactly the two purchases.
        var coordinatorPage = await browser.SignInAsync(DemoPersons.Coordinator, RegionOverviewPage.Url);
        await using var coordinatorContext = coordinatorPage.Context;
        await BrowserFixture.AssertAccessibleAsync(coordinatorPage);
        var quarterRow = coordinatorPage.GetByTestId("sroi-row").Filter(new() { Has = coordinatorPage.Locator("th", new() { HasTextString = QuarterLabel(counted) }) });
        await Assertions.Expect(quarterRow.Locator("td[data-municipality='bloemendaal']")).ToHaveTextAsync(Money(spendBefore + 19_900.50m));
        Assert.Equal(spendBefore + 19_900.50m, await BloemendaalSpendAsync(counted));
    }

    [Fact]
    public async Task A_partner_cannot_open_another_partners_contract_and_an_entrepreneur_sees_no_contract()
    {
        var contract = SroiContractPage(SroiDemoData.DuinzichtBloemendaalContract);

        // Linda (Spaarnestad) sees her own contracts only; Duinzicht's answers as if it did not exist.
        var linda = await browser.SignInAsync(DemoPersons.OtherContractPartner, "/mijn-contracten");
        await using var lindaContext = linda.Context;
        await Assertions.Expect(linda.GetByTestId("contract-row")).ToHaveCountAsync(2);
        await Assertions.Expect(linda.GetByTestId("contracts")).Not.ToContainTextAsync("Renovatie gemeentehuis Bloemendaal");
        await BrowserFixture.AssertAccessibleAsync(linda);
        await BrowserFixture.VisitAsync(linda, contract);
        await Assertions.Expect(linda.GetByTestId("contract-not-found")).ToHaveTextAsync("Dit contract bestaat niet, of u hebt er geen toegang toe.");
        await Assertions.Expect(linda.GetByText("Renovatie gemeentehuis Bloemendaal")).ToHaveCountAsync(0);
        await Assertions.Expect(linda.GetByTestId("invoice-save")).ToHaveCountAsync(0);

        // Sanne (an entrepreneur) is refused both the list and the contract.
        var sanne = await browser.SignInAsync(DemoPersons.Entrepreneur, "/mijn-organisatie");
        await using var sanneContext = sanne.Context;
        foreach (var path in new[] { "/mijn-contracten", contract })
        {
            await BrowserFixture.VisitAsync(sanne, path);
            await Assertions.Expect(sanne).ToHaveURLAsync(new Regex("/geen-toegang"));
            await Assertions.Expect(sanne.Locator("h1")).ToHaveTextAsync("Geen toegang");
            await Assertions.Expect(sanne.GetByText("Renovatie gemeentehuis Bloemendaal")).ToHaveCountAsync(0);
        }
    }

    private const string ContractsUrl = "/sroi/contracten";

    private static string SroiContractPage(Guid id) => SroiAddresses.ContractFor(id);

    /// <summary>Presses Tab, as a person does, until <paramref name="target"/> has the focus (a date field takes a Tab per part).</summary>
    private static async Task TabUntilFocusedAsync(ILocator target)
    {
        for (var press = 0; press < 10 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); press++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(target).ToBeFocusedAsync();
    }

    /// <summary>Bas adds one purchase as a person does: supplier by name, number, date, amount, the PDF, and saves.</summary>
    private static async Task AddPurchaseAsync(SroiContractScreen screen, string typed, string supplier, string number, DateOnly date, string amount, bool held)
    {
        await screen.PickSupplierAsync(typed, supplier);
        await screen.InvoiceNumber.FillAsync(number);
        await screen.InvoiceDate.FillAsync(Iso(date));
        await Assertions.Expect(screen.BadgeCheck).ToHaveTextAsync(held
            ? $"{supplier} had op {Date(date)} een geldig keurmerk: deze inkoop telt mee na controle."
            : $"Let op: {supplier} had op {Date(date)} geen geldig keurmerk. U kunt de factuur toevoegen, maar hij telt niet mee.");
        await screen.Amount.FillAsync(amount);
        await screen.Pdf.SetInputFilesAsync(Invoice);
        await Assertions.Expect(screen.PdfState).ToContainTextAsync("factuur.pdf");
        await screen.SaveInvoiceAsync();
        await Assertions.Expect(screen.InvoiceAdded).ToHaveTextAsync($"Factuur {number} van {supplier} is toegevoegd en wacht op controle.");
        await Assertions.Expect(screen.Invoice(number)).ToBeVisibleAsync();
        await Assertions.Expect(screen.SupplierBox).ToHaveValueAsync(string.Empty);
    }
}
