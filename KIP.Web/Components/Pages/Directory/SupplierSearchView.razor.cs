using KIP.Domain;
using KIP.Web.Localization;
using KIP.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Web.Components.Pages.Directory;

/// <summary>
/// The search box, filters and results of the directory and the SROI page. The search lives in the
/// URL (the API's own parameters), so it can be shared, bookmarked, and the back button returns to it.
/// <para>
/// One source of truth: the inputs. Each change runs the search from the inputs and then asks for the
/// address; the address is read only when the page opens and when someone else changes it (back,
/// forward, a link). A parent re-rendering this component changes nothing, so an officer's page that
/// re-renders on every result cannot pull the inputs back to an address that has not caught up yet.
/// </para>
/// </summary>
public sealed partial class SupplierSearchView : IDisposable
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
    private string _path = "/";
    private bool _typing;
    private readonly List<string> _pending = [];
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

    // What a selected value shows in its field: names, never codes.
    private string CategoryName(string? code) => code is null ? string.Empty : L.Category(code);

    private string ThemeName(string? code) => code is null ? string.Empty : L.Theme(code);

    private string RecognisedName(string? value) => value switch
    {
        "true" => L["Search.Recognised.Yes"],
        "false" => L["Search.Recognised.No"],
        _ => L["Search.Recognised.Any"],
    };

    private string SortName(SupplierSort sort) => L[$"Search.Sort.{sort}"];

    private int PageCount => _result is null ? 0 : (int)Math.Ceiling(_result.Total / (double)_result.PageSize);

    private string CountText => _result switch
    {
        { TotalIsCapped: true } => L["Search.CountCapped", SupplierQuery.TotalCap],
        { Total: 1 } => L["Search.CountOne"],
        { } r => L["Search.Count", r.Total],
        _ => string.Empty,
    };

    protected override async Task OnInitializedAsync()
    {
        _path = Navigation.ToAbsoluteUri(Navigation.Uri).AbsolutePath;
        Navigation.LocationChanged += OnLocationChanged;
        await FollowAddressAsync(Navigation.Uri);
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    // Back, forward, a link or the echo of our own navigation: only a search other than the one shown runs.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(() => OnAddressChangedAsync(e.Location));

    private async Task OnAddressChangedAsync(string location)
    {
        var uri = Navigation.ToAbsoluteUri(location);
        if (!string.Equals(uri.AbsolutePath, _path, StringComparison.OrdinalIgnoreCase))
        {
            return; // leaving the page
        }

        // The address follows the inputs a moment later (Blazor Server updates it after a round trip to the
        // browser). An address we asked for is no news, even when a newer search has overtaken it meanwhile.
        var address = Address(uri);
        var pending = _pending.IndexOf(address);
        if (pending >= 0)
        {
            _pending.RemoveRange(0, pending + 1);
            return;
        }

        _pending.Clear();
        _typing = false;
        await FollowAddressAsync(location);
    }

    /// <summary>Shows the search in the address: its inputs and its results.</summary>
    private async Task FollowAddressAsync(string location)
    {
        var uri = Navigation.ToAbsoluteUri(location);
        var (query, error) = SupplierQueryString.Parse(QueryHelpers.ParseQuery(uri.Query));
        if (query is null)
        {
            ++_version;
            _error = error;
            _result = null;
            _query = null;
            _loading = false;
            StateHasChanged();
            return;
        }

        if (SroiOnly)
        {
            query = query with { Recognised = true };
        }

        if (_query is not null && _error is null && Canonical(query) == Canonical(_query))
        {
            return;
        }

        ShowInInputs(query);
        await RunAsync(query);
    }

    /// <summary>The search as it appears in the address bar (the SROI page leaves out its fixed filter), canonical.</summary>
    private string Canonical(SupplierQuery query) => SupplierQueryString.ToQueryString(SroiOnly ? query with { Recognised = null } : query);

    private string Address(Uri uri)
    {
        var (query, _) = SupplierQueryString.Parse(QueryHelpers.ParseQuery(uri.Query));
        return query is null ? uri.Query : Canonical(query);
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
        await ApplyAsync(typing: true);
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

    /// <summary>
    /// Runs the search in the inputs and writes it into the address bar: each filter, page or clearing is a step
    /// that back returns from; typing on replaces its own step, so words typed do not flood the history.
    /// </summary>
    private async Task ApplyAsync(bool typing = false)
    {
        var query = FromInputs();
        var replace = typing && _typing;
        _typing = typing;
        var address = Canonical(query);
        _pending.Add(address);
        Navigation.NavigateTo(_path + address, replace: replace);
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
        StateHasChanged(); // also when the search came from the address (back, forward), not from an event of this component
        await QueryChanged.InvokeAsync(query);
    }
}
