using System.Globalization;
using System.Resources;
using KIP.Web.Data;

namespace KIP.Web.Data.Search;

/// <summary>
/// The names under which a category or impact theme is searched, in Dutch and English from the resources
/// ("schoonmaak" and "cleaning" both find a cleaning company). Each engine's search index keeps them in a table and
/// renews them at start-up when a name changed.
/// </summary>
internal static class SupplierSearchNames
{
    private static readonly CultureInfo[] Languages = [CultureInfo.GetCultureInfo("nl"), CultureInfo.GetCultureInfo("en")];

    /// <summary>Each category and theme with its names in Dutch and English, from the resources.</summary>
    public static IReadOnlyList<(string Kind, string Code, string Names)> All()
    {
        var resources = new ResourceManager("KIP.Web.Resources.Text", typeof(Text).Assembly);
        string NamesOf(string key) => string.Join(' ', Languages.Select(l => resources.GetString(key, l) ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase));
        return
        [
            .. Catalog.Categories.Select(c => ("category", c, NamesOf($"Category.{c}"))),
            .. Catalog.ImpactThemes.Select(t => ("theme", t, NamesOf($"Theme.{t}"))),
        ];
    }

    /// <summary>A string as an SQL literal (both engines: single quotes doubled).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
