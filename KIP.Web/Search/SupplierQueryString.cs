using System.Globalization;
using KIP.Domain;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using Microsoft.Extensions.Primitives;

namespace KIP.Web.Search;

/// <summary>A rejected query parameter: which one, and why (a text key in the resources, with its arguments).</summary>
public sealed record QueryError(string Parameter, string TextKey, params object[] Arguments);

/// <summary>
/// A supplier search in a URL query string, read and written in one place: the API's parameters
/// (product.md) are also the directory page's URL state, so a search can be shared and bookmarked.
/// </summary>
public static class SupplierQueryString
{
    public const string Query = "query";
    public const string Municipality = "municipality";
    public const string Criterion = "criterion";
    public const string Recognised = "recognised";
    public const string Category = "category";
    public const string Theme = "theme";
    public const string Sort = "sort";
    public const string Page = "page";
    public const string PageSize = "pageSize";

    private static readonly Dictionary<string, SupplierSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SupplierSort.Relevance,
        ["name"] = SupplierSort.Name,
        ["recently-recognised"] = SupplierSort.RecentlyRecognised,
    };

    public static string SortCode(SupplierSort sort) => Sorts.First(s => s.Value == sort).Key;

    public static (SupplierQuery? Query, QueryError? Error) Parse(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var values = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        StringValues Get(string name) => values.TryGetValue(name, out var v) ? v : StringValues.Empty;

        var municipalities = new List<Municipality>();
        foreach (var code in Get(Municipality).Where(v => !string.IsNullOrEmpty(v)))
        {
            if (!KIP.Domain.Municipality.TryParse(code, out var municipality))
            {
                return Fail(Municipality, "Search.Error.Municipality", code ?? string.Empty, string.Join(", ", KIP.Domain.Municipality.All.Select(m => m.Code)));
            }

            municipalities.Add(municipality);
        }

        var criteria = new List<CriterionCode>();
        foreach (var code in Get(Criterion).Where(v => !string.IsNullOrEmpty(v)))
        {
            if (!CriterionCode.TryParse(code, out var criterion))
            {
                return Fail(Criterion, "Search.Error.Criterion", code ?? string.Empty, string.Join(", ", CriterionCode.All.Select(c => c.Value)));
            }

            criteria.Add(criterion);
        }

        var categories = Get(Category).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (categories.FirstOrDefault(c => !Catalog.Categories.Contains(c)) is { } unknownCategory)
        {
            return Fail(Category, "Search.Error.Category", unknownCategory, string.Join(", ", Catalog.Categories));
        }

        var themes = Get(Theme).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (themes.FirstOrDefault(t => !Catalog.ImpactThemes.Contains(t)) is { } unknownTheme)
        {
            return Fail(Theme, "Search.Error.Theme", unknownTheme, string.Join(", ", Catalog.ImpactThemes));
        }

        bool? recognised = null;
        if (Single(Get(Recognised)) is { } recognisedText)
        {
            if (!bool.TryParse(recognisedText, out var value))
            {
                return Fail(Recognised, "Search.Error.Recognised");
            }

            recognised = value;
        }

        var sort = SupplierSort.Relevance;
        if (Single(Get(Sort)) is { } sortText && !Sorts.TryGetValue(sortText, out sort))
        {
            return Fail(Sort, "Search.Error.Sort", string.Join(", ", Sorts.Keys));
        }

        var page = 1;
        if (Single(Get(Page)) is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return Fail(Page, "Search.Error.Page");
        }

        var pageSize = SupplierQuery.DefaultPageSize;
        if (Single(Get(PageSize)) is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > SupplierQuery.MaximumPageSize))
        {
            return Fail(PageSize, "Search.Error.PageSize", SupplierQuery.MaximumPageSize);
        }

        var text = Single(Get(Query));
        if (text is { Length: > 200 })
        {
            return Fail(Query, "Search.Error.Query", 200);
        }

        return (new SupplierQuery
        {
            Text = text,
            Municipalities = municipalities,
            Criteria = criteria,
            Categories = categories,
            Themes = themes,
            Recognised = recognised,
            Sort = sort,
            Page = page,
            PageSize = pageSize,
        }, null);
    }

    /// <summary>The query string for a search (without defaults), for links, the address bar and the API.</summary>
    public static Dictionary<string, object?> ToParameters(SupplierQuery query, bool includePaging = true)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Dictionary<string, object?>
        {
            [Query] = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text,
            [Municipality] = query.Municipalities.Count == 0 ? null : query.Municipalities.Select(m => m.Code).ToArray(),
            [Criterion] = query.Criteria.Count == 0 ? null : query.Criteria.Select(c => c.Value).ToArray(),
            [Category] = query.Categories.Count == 0 ? null : query.Categories.ToArray(),
            [Theme] = query.Themes.Count == 0 ? null : query.Themes.ToArray(),
            [Recognised] = query.Recognised is { } r ? (r ? "true" : "false") : null,
            [Sort] = query.Sort == SupplierSort.Relevance ? null : SortCode(query.Sort),
            [Page] = !includePaging || query.Page == 1 ? null : query.Page.ToString(CultureInfo.InvariantCulture),
            [PageSize] = !includePaging || query.PageSize == SupplierQuery.DefaultPageSize ? null : query.PageSize.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The search as a query string ("?query=…&amp;municipality=…"), canonical: equal searches give equal strings.</summary>
    public static string ToQueryString(SupplierQuery query, bool includePaging = true) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(string.Empty, ToParameters(query, includePaging)
            .Where(p => p.Value is not null)
            .SelectMany(p => p.Value is string[] many
                ? many.Select(v => new KeyValuePair<string, string?>(p.Key, v))
                : [new KeyValuePair<string, string?>(p.Key, (string)p.Value!)]));

    private static string? Single(StringValues values) => values.Count == 0 || string.IsNullOrEmpty(values[^1]) ? null : values[^1];

    private static (SupplierQuery?, QueryError?) Fail(string parameter, string textKey, params object[] arguments) =>
        (null, new QueryError(parameter, textKey, arguments));
}
