namespace KIP.Web.Components.Pages.Commission.Session;

/// <summary>
/// What a part of the session page showed last, as one string: the part re-renders only when it changes. Every
/// announcement gives the page a new view (new objects, so Blazor would re-render and diff every part), while a vote
/// changes only the open vote's count and who has not voted; the agenda, presence, the results and the item stay as
/// they were (bench/README.md, live updates). A part with a key shows nothing but its parameters.
/// </summary>
internal sealed class ShownKey
{
    private string? _shown;

    /// <summary>True when <paramref name="now"/> differs from what was shown last (always on the first call); remembers it.</summary>
    public bool Changed(string now)
    {
        if (string.Equals(_shown, now, StringComparison.Ordinal))
        {
            return false;
        }

        _shown = now;
        return true;
    }
}
