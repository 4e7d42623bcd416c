using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Web.Components.Pages.Directory;

/// <summary>
/// The search in the address bar, the API's own parameters: what the view asked for, and which addresses are news.
/// <para>
/// The address follows the inputs a moment later (Blazor Server updates it after a round trip to the browser), so the
/// addresses asked for are remembered until their echo comes back; only another address (back, forward, a link) is news.
/// </para>
/// </summary>
/// <param name="sroiOnly">The SROI page: its fixed filter (recognised today) stays out of the address.</param>
public sealed class SearchAddress(bool sroiOnly)
{
    private readonly List<string> _pending = [];
    private bool _typing;

    /// <summary>The page's path: an address on another path is the person leaving.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The search as it appears in the address bar, canonical.</summary>
    public string Canonical(SupplierQuery query) => SupplierQueryString.ToQueryString(sroiOnly ? query with { Recognised = null } : query);

    /// <summary>
    /// The address to go to for <paramref name="query"/>, remembered as asked for; each filter, page or clearing is a step
    /// that back returns from, and typing on replaces its own step, so words typed do not flood the history.
    /// </summary>
    public (string Url, bool Replace) Ask(SupplierQuery query, bool typing)
    {
        var replace = typing && _typing;
        _typing = typing;
        var address = Canonical(query);
        _pending.Add(address);
        return (Path + address, replace);
    }

    /// <summary>Whether <paramref name="uri"/> is another search on this page than the ones asked for (even when a newer one overtook it).</summary>
    public bool IsNews(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!string.Equals(uri.AbsolutePath, Path, StringComparison.OrdinalIgnoreCase))
        {
            return false; // leaving the page
        }

        var address = Of(uri);
        var pending = _pending.IndexOf(address);
        if (pending >= 0)
        {
            _pending.RemoveRange(0, pending + 1);
            return false;
        }

        _pending.Clear();
        _typing = false;
        return true;
    }

    private string Of(Uri uri)
    {
        var (query, _) = SupplierQueryString.Parse(QueryHelpers.ParseQuery(uri.Query));
        return query is null ? uri.Query : Canonical(query);
    }
}
