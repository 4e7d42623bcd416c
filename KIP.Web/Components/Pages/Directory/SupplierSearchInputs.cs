using KIP.Domain;
using KIP.Web.Data.Search;
using KIP.Web.Search;

namespace KIP.Web.Components.Pages.Directory;

/// <summary>The search box and filters as the person set them: the one source of truth of the search view.</summary>
public sealed class SupplierSearchInputs
{
    /// <summary>The recognition filter's value for "any".</summary>
    public const string AnyRecognition = "";

    public string? Text { get; set; }

    public IReadOnlyCollection<string> Municipalities { get; set; } = [];

    public IReadOnlyCollection<string> Categories { get; set; } = [];

    public IReadOnlyCollection<string> Criteria { get; set; } = [];

    public IReadOnlyCollection<string> Themes { get; set; } = [];

    /// <summary>"true", "false" or <see cref="AnyRecognition"/>.</summary>
    public string Recognised { get; set; } = AnyRecognition;

    public SupplierSort Sort { get; set; } = SupplierSort.Relevance;

    public int Page { get; set; } = 1;

    /// <summary>Shows <paramref name="query"/> in the inputs.</summary>
    public void Show(SupplierQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Text = query.Text;
        Municipalities = [.. query.Municipalities.Select(m => m.Code)];
        Categories = [.. query.Categories];
        Criteria = [.. query.Criteria.Select(c => c.Value)];
        Themes = [.. query.Themes];
        Recognised = query.Recognised switch { true => "true", false => "false", null => AnyRecognition };
        Sort = query.Sort;
        Page = query.Page;
    }

    /// <summary>The search in the inputs; the SROI page's (<paramref name="sroiOnly"/>) only finds organisations recognised today.</summary>
    public SupplierQuery ToQuery(bool sroiOnly) => new()
    {
        Text = Text,
        Municipalities = [.. Municipalities.Select(Municipality.Parse)],
        Categories = [.. Categories],
        Criteria = [.. Criteria.Select(CriterionCode.Parse)],
        Themes = [.. Themes],
        Recognised = sroiOnly ? true : Recognised switch { "true" => true, "false" => false, _ => null },
        Sort = Sort,
        Page = Page,
    };

    /// <summary>Every input back to its start: no text, no filters, sorted by relevance, the first page.</summary>
    public void Clear()
    {
        Text = null;
        Municipalities = Categories = Criteria = Themes = [];
        Recognised = AnyRecognition;
        Sort = SupplierSort.Relevance;
        Page = 1;
    }
}
