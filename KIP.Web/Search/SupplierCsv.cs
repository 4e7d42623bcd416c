using System.Globalization;
using System.Text;
using KIP.Web.Data.Search;
using KIP.Web.Localization;

namespace KIP.Web.Search;

/// <summary>One exported row: a supplier, its contact person (officers only), and a shortlist note if any.</summary>
public sealed record CsvRow(SupplierItem Item, ContactPerson? Contact, string? Note = null);

/// <summary>
/// CSV that opens correctly in Dutch Excel: UTF-8 with a byte order mark, <c>;</c> as separator,
/// CRLF line ends, dates as dd-MM-yyyy, names rather than codes, quotes where needed, and no cell that Excel would run as a formula.
/// </summary>
public static class SupplierCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    private const char Separator = ';';

    public static byte[] Write(IEnumerable<CsvRow> rows, IReadOnlyList<string> headers, Func<string, string> criterionTitle, Func<string, string> categoryName, bool withNotes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(criterionTitle);
        ArgumentNullException.ThrowIfNull(categoryName);
        var text = new StringBuilder();
        Line(text, withNotes ? headers : headers.Take(headers.Count - 1));
        foreach (var row in rows)
        {
            var item = row.Item;
            var cells = new List<string?>
            {
                item.Name,
                item.KvkNumber,
                item.Place ?? CatalogText.MunicipalityName(item.Municipality),
                string.Join(", ", item.MunicipalitiesServed.Select(CatalogText.MunicipalityName)),
                string.Join(", ", item.Categories.Select(categoryName)),
                item.Recognised ? "ja" : "nee",
                item.TemporaryBadge ? "ja" : "nee",
                string.Join(", ", item.RecognisedCriteria.Select(criterionTitle)),
                item.RecognisedUntil?.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
                item.Website,
                row.Contact?.Name,
                row.Contact?.Email,
                row.Contact?.Phone,
            };
            if (withNotes)
            {
                cells.Add(row.Note);
            }

            Line(text, cells);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text.ToString());
        return [.. preamble, .. body];
    }

    private static void Line(StringBuilder text, IEnumerable<string?> cells)
    {
        text.AppendJoin(Separator, cells.Select(Cell)).Append("\r\n");
    }

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A cell starting with = + - @ would run as a formula in Excel (CSV injection).
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([Separator, '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
