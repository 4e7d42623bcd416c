using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KIP.Domain;
using KIP.Web.Addresses;
using KIP.Web.Data.Search;
using KIP.Web.Identity;
using KIP.Web.Search;
using KIP.Web.Sroi;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Pages.Overview;

/// <summary>
/// A municipality's SROI contracts and their realisation as CSV for SROI officers, Excel-ready exactly like the supplier
/// export (<see cref="SupplierCsv"/>): UTF-8 with a byte order mark, <c>;</c> as separator, CRLF line ends, dates as
/// dd-MM-yyyy, amounts in the Dutch number format (decimal comma, no thousands separator), names rather than codes.
/// The numbers come from <see cref="SroiLedger"/>, as on the pages and in the API.
/// </summary>
public static partial class SroiExport
{
    private static readonly CultureInfo DutchNumbers = CultureInfo.GetCultureInfo("nl-NL");

    public const string Path = "/inkoop/sroi/{municipality}/export.csv";

    public static string UrlFor(Municipality municipality)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        return PageAddress.Fill(Path, municipality.Code);
    }

    public static IEndpointRouteBuilder MapSroiExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(KipPolicies.SroiOfficer).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string municipality, HttpContext context, SroiRealisationService sroi, IStringLocalizer<Text> text, TimeProvider time)
    {
        if (!Municipality.TryParse(municipality, out var place))
        {
            return TypedResults.NotFound();
        }

        var contracts = await sroi.ContractsAsync(context.User, place, context.RequestAborted);
        var bytes = Write(contracts, text["SroiCsv.Headers"].Value.Split(';'), kind => text[$"Overview.Kind.{kind}"]);
        var today = AmsterdamCalendar.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, SupplierCsv.ContentType, $"kip-sroi-{place.Code}-{today}.csv");
    }

    public static byte[] Write(IEnumerable<ContractStanding> contracts, IReadOnlyList<string> headers, Func<string, string> kindName)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(kindName);
        var text = new StringBuilder();
        Line(text, headers);
        foreach (var row in contracts)
        {
            var contract = row.Contract;
            var progress = row.Progress;
            Line(text,
            [
                contract.Reference,
                contract.Title,
                Municipality.Parse(contract.Municipality).Name,
                contract.PartnerName,
                contract.PartnerKvk,
                kindName(contract.Kind.ToString()),
                contract.LabourSharePercent is { } labour ? Number(labour) : null,
                contract.IsSubsidy ? "ja" : "nee",
                Number(contract.ValueExclVat),
                Date(contract.PeriodStart),
                Date(contract.PeriodEnd),
                Number(contract.Obligation),
                Number(contract.ComputedObligation),
                contract.OverrideReason,
                Number(progress.Realised),
                Number(row.CountedInvoices),
                Number(row.CountedActivities),
                progress.Percent?.ToString(CultureInfo.InvariantCulture),
                Number(progress.Remaining),
                progress.DaysLeft.ToString(CultureInfo.InvariantCulture),
                row.Invoices.Count(i => i.Count.Counts).ToString(CultureInfo.InvariantCulture),
                row.Invoices.Count(i => i.Count.Reason == KIP.Domain.Sroi.CountReason.NotVerified).ToString(CultureInfo.InvariantCulture),
                row.Invoices.Count(i => !i.Count.Counts && i.Count.Reason != KIP.Domain.Sroi.CountReason.NotVerified).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(decimal amount) => amount.ToString("0.00", DutchNumbers);

    private static string Date(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A line of cells; text goes through the supplier export's guard against formulas, but a number KIP wrote itself
    /// stays a number (the guard would turn the days of an ended period, -60, into the text '-60 in Excel).
    /// </summary>
    private static void Line(StringBuilder text, IEnumerable<string?> cells) =>
        text.AppendJoin(';', cells.Select(cell => cell is not null && WrittenNumber().IsMatch(cell) ? cell : SupplierCsv.Cell(cell))).Append("\r\n");

    [GeneratedRegex(@"^-?[0-9]+(,[0-9]+)?$")]
    private static partial Regex WrittenNumber();
}
