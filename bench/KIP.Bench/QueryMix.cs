using System.Globalization;
using KIP.Domain;
using KIP.Web.Data.Search;
using KIP.Web.Search;

namespace KIP.Bench;

/// <summary>One request of the mix: its shape (text kind + filter), the API query string and the same query for the search itself.</summary>
internal sealed record BenchQuery(string Shape, string QueryString, SupplierQuery Query);

/// <summary>
/// The fixed query mix: five text kinds (2- and 3-letter prefixes, common and rare whole words,
/// two words), each alone and with a municipality, a category and recognised=true: 20 shapes, in turn.
/// </summary>
internal static class QueryMix
{
    public static readonly string[] TextKinds = ["prefix-2", "prefix-3", "common-word", "rare-word", "two-words"];

    public static readonly string[] Filters = ["alone", "+municipality", "+category", "+recognised"];

    private static readonly string[] Prefix2 = ["sc", "ca", "gr", "dr", "ha", "ve", "be", "le", "wo", "ko", "fi", "zo", "ta", "me", "in", "re"];

    private static readonly string[] Prefix3 = ["sch", "cat", "gro", "dru", "haa", "vel", "bev", "lee", "kof", "fie", "zor", "taa", "meu", "ict", "ijm", "hov"];

    private static readonly string[] Common =
    [
        "schoonmaak", "catering", "groenonderhoud", "drukwerk", "haarlem", "ijmuiden", "werk", "leerwerkplekken", "kantoorschoonmaak", "fietsreparatie",
        "dagbesteding", "jobcoaching", "lunches", "verhuizingen", "websites", "beveiliging", "café", "cooperatie", "schilderwerk", "bakkerij",
    ];

    private static readonly string[] TwoWords =
    [
        "schoonmaak velsen", "catering lunches", "groen haarlem", "fiets reparatie", "drukwerk mailings", "leerwerk jongeren", "koffie kantoren",
        "thuiszorg heemskerk", "schilder onderhoud", "taal werkvloer", "hovenier tuinontwerp", "koerier bakfiets", "meubels maat", "ict laptops",
    ];

    public static IReadOnlyList<BenchQuery> Create(int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<BenchQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = TextKinds[i % TextKinds.Length];
            var filter = Filters[i / TextKinds.Length % Filters.Length];
            var text = kind switch
            {
                "prefix-2" => Pick(random, Prefix2),
                "prefix-3" => Pick(random, Prefix3),
                "common-word" => Pick(random, Common),
                "rare-word" => Pick(random, Words.Rare),
                _ => Pick(random, TwoWords),
            };

            var parameters = new List<(string, string)> { (SupplierQueryString.Query, text) };
            var query = new SupplierQuery { Text = text };
            switch (filter)
            {
                case "+municipality":
                    var municipality = Pick(random, Municipality.All.ToArray());
                    parameters.Add((SupplierQueryString.Municipality, municipality.Code));
                    query = query with { Municipalities = [municipality] };
                    break;
                case "+category":
                    var category = Pick(random, Words.Categories).Code;
                    parameters.Add((SupplierQueryString.Category, category));
                    query = query with { Categories = [category] };
                    break;
                case "+recognised":
                    parameters.Add((SupplierQueryString.Recognised, "true"));
                    query = query with { Recognised = true };
                    break;
                default:
                    break;
            }

            var queryString = string.Join('&', parameters.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
            queries.Add(new BenchQuery(string.Create(CultureInfo.InvariantCulture, $"{kind} {filter}"), queryString, query));
        }

        return queries;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];
}
