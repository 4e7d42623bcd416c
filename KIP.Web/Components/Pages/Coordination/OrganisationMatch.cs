using System.Globalization;
using System.Text;

namespace KIP.Web.Components.Pages.Coordination;

/// <summary>How the coordination team finds an organisation in a list: by parts of words of its name or of its KvK number.</summary>
public static class OrganisationMatch
{
    /// <summary>Every word of <paramref name="search"/> is in the name (capitals and accents ignored) or in the KvK number.</summary>
    public static bool Matches(string name, string kvk, string? search)
    {
        var folded = Fold(name);
        return Fold(search).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(t => folded.Contains(t, StringComparison.Ordinal) || kvk.Contains(t, StringComparison.Ordinal));
    }

    private static string Fold(string? text) =>
        new([.. (text ?? string.Empty).ToLowerInvariant().Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);
}
