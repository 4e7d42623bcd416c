using System.Text;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Sroi;

namespace KIP.Tests.Overview;

/// <summary>The SROI CSV's cells as Excel reads them: KIP's own numbers stay numbers, text that could run as a formula does not.</summary>
public sealed class SroiExportTests
{
    private static readonly string[] Headers = ["Referentie", "Titel", "Gemeente", "Dagen tot einde"];

    [Fact]
    public void An_ended_periods_negative_days_stay_a_number_while_a_title_starting_with_a_formula_sign_is_made_text()
    {
        var contract = new SroiContract
        {
            Id = Guid.NewGuid(),
            Municipality = Municipality.Bloemendaal.Code,
            PartnerKvk = "60123456",
            PartnerName = "Aannemersbedrijf Duinzicht B.V.",
            Title = "=HYPERLINK(\"https://example.com\")",
            Reference = "-BLD-9",
            Kind = ContractKind.Services,
            ValueExclVat = 1_200_000m,
            PeriodStart = new DateOnly(2026, 1, 1),
            PeriodEnd = new DateOnly(2026, 10, 3),
            ComputedObligation = 60_000m,
            PolicyVersion = "bloemendaal-2024",
        };
        var standing = new ContractStanding(contract, [], [], SroiProgress.Of(60_000m, [], contract.PeriodEnd, new DateOnly(2026, 12, 2)));

        var text = Encoding.UTF8.GetString(SroiExport.Write([standing], Headers, kind => kind)[3..]);
        var cells = text.Split("\r\n")[1].Split(';');

        Assert.Equal("'-BLD-9", cells[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"https://example.com\"\")\"", cells[1]);
        Assert.Equal("Bloemendaal", cells[2]);
        Assert.Contains("-60", cells);
        Assert.DoesNotContain("'-60", cells);
        Assert.Contains("60000,00", cells);
    }
}
