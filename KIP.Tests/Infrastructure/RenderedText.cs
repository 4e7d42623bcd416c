using System.Net;
using System.Text.RegularExpressions;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// The text a person reads from rendered markup: block elements break the line (as a browser shows them), inline
/// elements run on. A sentence glued to the next ("…2028.Geldig", "ToegelatenUw") is then visible as such.
/// </summary>
public static partial class RenderedText
{
    /// <summary>A full stop, question or exclamation mark directly followed by a capital: two sentences glued together.</summary>
    [GeneratedRegex(@"[.!?][A-ZÀ-Ý]")]
    public static partial Regex Glue();

    public static string Of(string markup)
    {
        var text = BlockTag().Replace(markup, "\n");
        text = Tag().Replace(text, string.Empty);
        return WebUtility.HtmlDecode(text);
    }

    /// <summary>Fails with the glued places named.</summary>
    public static void AssertNoGlue(string markup)
    {
        var text = Of(markup);
        var glued = Glue().Matches(text).Select(m => text.Substring(Math.Max(0, m.Index - 30), Math.Min(45, text.Length - Math.Max(0, m.Index - 30)))).ToList();
        Assert.True(glued.Count == 0, "Sentences glued together:\n" + string.Join("\n", glued));
    }

    [GeneratedRegex(@"</?(div|p|li|ul|ol|dl|dt|dd|h[1-6]|br|tr|td|th|table|section|header|footer|nav|main|form|label)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
