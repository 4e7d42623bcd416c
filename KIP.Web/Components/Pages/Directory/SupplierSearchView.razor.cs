using KIP.Domain;
using KIP.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Web.Components.Pages.Directory;

/// <summary>
/// The search box, filters and results of the directory and the SROI page. The search lives in the
/// URL (the API's own parameters), so it can be shared, bookmarked, and the back button returns to it.
/// </summary>
public partial class SupplierSearchView
{
    private const string AnyRecognition = "";

    private string? _text;
    private IReadOnlyCollection<string> _municipalities = [];
    private IReadOnlyCollection<string> _categories = [];
    private IReadOnlyCollection<string> _criteria = [];
    private IReadOnlyCollection<string> _themes = [];
    private string _recognised = AnyRecognition;
    private SupplierSort _sort = SupplierSort.Relevance;
    private int _page = 1;

    private SupplierQuery? _query;
    private SupplierPage? _result;
    private QueryError? _error;
    private bool _loading;
    private int _version;
    private IReadOnlyDictionary<Guid, ContactPerson> _contacts = new Dictionary<Guid, ContactPerson>();
    private IReadOnlyDictionary<Guid, string> _logos = new Dictionary<Guid, string>();

    /// <summary>Only organisations recognised today: the SROI page.</summary>
    [Parameter]
    public bool SroiOnly { get; set; }

    /// <summary>Extra actions beside the filters (an officer's export).</summary>
    [Parameter]
    public RenderFragment? Toolbar { get; set; }

    /// <summary>Show each organisation's contact person (officers' search only; the page's policy guards it).</summary>
    [Parameter]
    public bool ShowContacts { get; set; }

    /// <summary>Buttons beside each result (add to a shortlist).</summary>
    [Parameter]
    public RenderFragment<SupplierItem>? ItemActions { get; set; }

    /// <summary>The search as it stands, for the actions in <see cref="Toolbar"/>.</summary>
    [Parameter]
    public EventCallback<SupplierQuery> QueryChanged { get; set; }

    private int PageCount => _result is null ? 0 : (int)Math.Ceiling(_result.Total / (double)_result.PageSize);

    private string CountText => _result switch
    {
        { TotalIsCapped: true } => L["Search.CountCapped", SupplierQuery.TotalCap],
        { Total: 1 } => L["Search.CountOne"],
        { } r => L["Search.Count", r.Total],
        _ => string.Empty,
    };

    protected override async Task OnParametersSetAsync()
    {
        var uri = Navigation.ToAbsoluteUri(Navigation.Uri);
        var (query, error) = SupplierQueryString.Parse(QueryHelpers.ParseQuery(uri.Query));
        _error = error;
        if (query is null)
        {
            _result = null;
            return;
        }

        if (SroiOnly)
        {
            query = query with { Recognised = true };
        }

        // Re-rendered by a parent (or by our own address-bar update): only a different search runs again.
        if (_query is not null && SupplierQueryString.ToQueryString(query) == SupplierQueryString.ToQueryString(_query))
        {
            return;
        }

        ShowInInputs(query);
        await RunAsync(query);
    }

    private void ShowInInputs(SupplierQuery query)
    {
        _text = query.Text;
        _municipalities = [.. query.Municipalities.Select(m => m.Code)];
        _categories = [.. query.Categories];
        _criteria = [.. query.Criteria.Select(c => c.Value)];
        _themes = [.. query.Themes];
        _recognised = query.Recognised switch { true => "true", false => "false", null => AnyRecognition };
        _sort = query.Sort;
        _page = query.Page;
    }

    private SupplierQuery FromInputs() => new()
    {
        Text = _text,
        Municipalities = [.. _municipalities.Select(Municipality.Parse)],
        Categories = [.. _categories],
        Criteria = [.. _criteria.Select(CriterionCode.Parse)],
        Themes = [.. _themes],
        Recognised = SroiOnly ? true : _recognised switch { "true" => true, "false" => false, _ => null },
        Sort = _sort,
        Page = _page,
    };

    private async Task OnTextChangedAsync(string? text)
    {
        _text = text;
        _page = 1;
        await ApplyAsync();
    }

    private async Task OnFilterChangedAsync(Action change)
    {
        change();
        _page = 1;
        await ApplyAsync();
    }

    private async Task OnPageChangedAsync(int page)
    {
        _page = page;
        await ApplyAsync();
    }

    private async Task ClearAsync()
    {
        _text = null;
        _municipalities = _categories = _criteria = _themes = [];
        _recognised = AnyRecognition;
        _sort = SupplierSort.Relevance;
        _page = 1;
        await ApplyAsync();
    }

    /// <summary>Writes the search into the address bar (replacing, so typing does not flood the history) and runs it.</summary>
    private async Task ApplyAsync()
    {
        var query = FromInputs();
        var parameters = SupplierQueryString.ToParameters(SroiOnly ? query with { Recognised = null } : query);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters), replace: true);
        await RunAsync(query);
    }

    private async Task RunAsync(SupplierQuery query)
    {
        _query = query;
        _error = null;
        var version = ++_version;
        _loading = true;
        StateHasChanged();
        var result = await Search.SearchAsync(query);
        var contacts = ShowContacts ? await Search.ContactsAsync([.. result.Items.Select(i => i.Id)]) : _contacts;
        var logos = await Logos.UrlsAsync([.. result.Items.Select(i => i.Id)]);
        if (version != _version)
        {
            return; // a newer search overtook this one
        }

        _contacts = contacts;
        _logos = logos;
        _result = result;
        _loading = false;
        await QueryChanged.InvokeAsync(query);
    }
}
