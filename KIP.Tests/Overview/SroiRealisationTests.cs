using System.Security.Claims;
using System.Text;
using KIP.Domain;
using KIP.Domain.Region;
using KIP.Domain.Sroi;
using KIP.Tests.Coordination;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Sroi;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Overview;

/// <summary>
/// SROI realisation on the seeded contracts of <see cref="RegionFixture"/>: what counts (rulebook §7), the spend per
/// municipality and quarter on the region's picture, who sees which contract, and the CSV export parsed back.
/// </summary>
public sealed class SroiRealisationTests(RegionFixture region) : IClassFixture<RegionFixture>
{
    private static ClaimsPrincipal Partner(string kvk) =>
        new(new ClaimsIdentity(
            [new Claim(KipClaims.PersonId, Guid.NewGuid().ToString()), new Claim(KipClaims.Role, KipRoles.ContractPartner), new Claim(SroiPartnerAccess.ClaimType, kvk)],
            "test", KipClaims.Name, KipClaims.Role));

    private async Task<T> WithAsync<T>(Func<SroiRealisationService, Task<T>> act)
    {
        using var scope = region.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<SroiRealisationService>());
    }

    [Fact]
    public async Task Only_verified_invoices_from_a_supplier_holding_the_badge_on_the_invoice_date_count_and_each_says_why()
    {
        var contract = (await WithAsync(s => s.ContractAsync(TestUsers.Officer, RegionFixture.BloemendaalContract)))!;

        Assert.Equal(
            [
                ("A-3", CountReason.Refused, 0m),
                ("A-1", CountReason.Counts, 10_000m),
                ("B-1", CountReason.NotVerified, 0m),
                ("A-2", CountReason.Counts, 2_500.50m),
                ("H-1", CountReason.Counts, 1_000m),
                ("H-2", CountReason.SupplierNotRecognised, 0m),
            ],
            contract.Invoices.Select(i => (i.Invoice.InvoiceNumber, i.Count.Reason, i.Count.Amount)));
        Assert.Equal(13_500.50m, contract.Progress.Realised);
        Assert.Equal(46_499.50m, contract.Progress.Remaining);
        Assert.Equal(22, contract.Progress.Percent);
        Assert.Equal(new DateOnly(2027, 6, 30).DayNumber - RegionFixture.Today.DayNumber, contract.Progress.DaysLeft);
    }

    [Fact]
    public async Task The_regions_spend_is_counted_per_municipality_of_the_contract_and_quarter_of_the_invoice_date()
    {
        var spend = await WithAsync(s => s.SpendPerQuarterAsync());

        // Within a quarter the municipalities in the region's order (Haarlem first), as every table of the overview.
        Assert.Equal(
            [
                (new Quarter(2026, 3), Municipality.Haarlem, 4_000m),
                (new Quarter(2026, 3), Municipality.Bloemendaal, 10_000m),
                (new Quarter(2026, 4), Municipality.Bloemendaal, 3_500.50m),
            ],
            spend.Select(s => (s.Quarter, s.Municipality, s.Amount)));

        using var scope = region.App.Services.CreateScope();
        var overview = await scope.ServiceProvider.GetRequiredService<RegionOverviewService>().LoadAsync();
        Assert.Equal(spend, overview.Spend);
    }

    [Fact]
    public async Task An_officer_sees_every_contract_a_partner_only_its_own_and_another_role_none()
    {
        Assert.Equal(2, (await WithAsync(s => s.ContractsAsync(TestUsers.Officer, null))).Count);
        Assert.Equal([RegionFixture.HaarlemContract], (await WithAsync(s => s.ContractsAsync(TestUsers.Officer, Municipality.Haarlem))).Select(c => c.Contract.Id));

        var partner = Partner(RegionFixture.BloemendaalPartnerKvk);
        Assert.Equal([RegionFixture.BloemendaalContract], (await WithAsync(s => s.ContractsAsync(partner, null))).Select(c => c.Contract.Id));
        Assert.Empty(await WithAsync(s => s.ContractsAsync(partner, Municipality.Haarlem)));
        Assert.Null(await WithAsync(s => s.ContractAsync(partner, RegionFixture.HaarlemContract)));

        Assert.Empty(await WithAsync(s => s.ContractsAsync(TestUsers.Coordinator, null)));
        Assert.Empty(await WithAsync(s => s.ContractsAsync(TestUsers.Entrepreneur, null)));
        Assert.Null(await WithAsync(s => s.ContractAsync(TestUsers.Entrepreneur, RegionFixture.BloemendaalContract)));
    }

    [Fact]
    public async Task The_csv_opens_in_Dutch_Excel_and_parses_back_to_the_same_numbers()
    {
        var contracts = await WithAsync(s => s.ContractsAsync(TestUsers.Officer, Municipality.Bloemendaal));
        var headers = TestUsers.Dutch(region.App.Services, "SroiCsv.Headers").Split(';');
        var bytes = SroiExport.Write(contracts, headers, kind => TestUsers.Dutch(region.App.Services, $"Overview.Kind.{kind}"));

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(';');
        var row = lines[1].Split(';');
        Assert.Equal(header.Length, row.Length);
        string Cell(string name) => row[Array.IndexOf(header, name)];

        Assert.Equal("BLD-1", Cell("Referentie"));
        Assert.Equal("Bloemendaal", Cell("Gemeente"));
        Assert.Equal("Diensten", Cell("Soort"));
        Assert.Equal("1200000,00", Cell("Waarde excl. btw (EUR)"));
        Assert.Equal("01-01-2026", Cell("Begin"));
        Assert.Equal("30-06-2027", Cell("Einde"));
        Assert.Equal("60000,00", Cell("Verplichting (EUR)"));
        Assert.Equal("13500,50", Cell("Gerealiseerd (EUR)"));
        Assert.Equal("13500,50", Cell("Waarvan facturen (EUR)"));
        Assert.Equal("0,00", Cell("Waarvan activiteiten (EUR)"));
        Assert.Equal("22", Cell("Gerealiseerd (%)"));
        Assert.Equal("46499,50", Cell("Nog te realiseren (EUR)"));
        Assert.Equal("3", Cell("Facturen geteld"));
        Assert.Equal("1", Cell("Facturen te verifiëren"));
        Assert.Equal("2", Cell("Facturen niet geteld"));
        Assert.Equal(13_500.50m, decimal.Parse(Cell("Gerealiseerd (EUR)"), new System.Globalization.CultureInfo("nl-NL")));
    }
}
