using KIP.Web.Data.Search;
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
    private readonly SupplierSearchInputs _inputs = new();
    private SearchAddress _address = default!;
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

    protected override async Task OnInitializedAsync()
    {
        _address = new SearchAddress(SroiOnly) { Path = Navigation.ToAbsoluteUri(Navigation.Uri).AbsolutePath };
        Navigation.LocationChanged += OnLocationChanged;
        await FollowAddressAsync(Navigation.Uri);
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    // Back, forward, a link or the echo of our own navigation: only a search other than the one shown runs.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        if (_address.IsNews(Navigation.ToAbsoluteUri(e.Location)))
        {
            await FollowAddressAsync(e.Location);
        }
    });

    /// <summary>Shows the search in the address: its inputs and its results.</summary>
    private async Task FollowAddressAsync(string location)
    {
        var (query, error) = SupplierQueryString.Parse(QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(location).Query));
        if (query is null)
        {
            ++_version;
            (_error, _result, _query, _loading) = (error, null, null, false);
            StateHasChanged();
            return;
        }

        query = SroiOnly ? query with { Recognised = true } : query;
        if (_query is not null && _error is null && _address.Canonical(query) == _address.Canonical(_query))
        {
            return;
        }

        _inputs.Show(query);
        await RunAsync(query);
    }

    private Task OnPageChangedAsync(int page)
    {
        _inputs.Page = page;
        return ApplyAsync(typing: false);
    }

    /// <summary>Runs the search in the inputs and writes it into the address bar (typing on replaces its own step).</summary>
    private async Task ApplyAsync(bool typing)
    {
        var query = _inputs.ToQuery(SroiOnly);
        var (url, replace) = _address.Ask(query, typing);
        Navigation.NavigateTo(url, replace: replace);
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

        (_contacts, _logos, _result, _loading) = (contacts, logos, result, false);
        StateHasChanged(); // also when the search came from the address (back, forward), not from an event of this component
        await QueryChanged.InvokeAsync(query);
    }
}
