using System.Text.RegularExpressions;
using System.Xml.Linq;
using KIP.Tests.Infrastructure;

namespace KIP.Tests.Web;

/// <summary>All UI text comes from resources, in Dutch and English alike (product.md, "Language and look").</summary>
public sealed partial class ResourceTests
{
    private static readonly string WebRoot = Path.Combine(AppProcess.SolutionRoot(), "KIP.Web");

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(Path.Combine(WebRoot, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    [Fact]
    public void Dutch_and_English_texts_have_the_same_keys()
    {
        var dutch = Keys("Text.resx");
        var english = Keys("Text.en.resx");

        Assert.Empty(dutch.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(dutch.Keys));
        Assert.All(dutch, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in Dutch"));
        Assert.All(english, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty in English"));
    }

    [Fact]
    public void Every_text_a_component_asks_for_exists()
    {
        var dutch = Keys("Text.resx");
        var used = Directory.EnumerateFiles(WebRoot, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(WebRoot, "Components"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(dutch.ContainsKey(u.Key), $"{u.File} asks for missing text '{u.Key}'"));
    }

    [Fact]
    public void No_razor_file_holds_literal_UI_text()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(WebRoot, "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LiteralTexts(File.ReadAllText(f)).Select(t => $"{Path.GetRelativePath(WebRoot, f)}: \"{t}\""))
            .ToList();

        Assert.True(offenders.Count == 0, "Literal UI text (use IStringLocalizer<Text>):\n" + string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("<p>Hallo wereld</p>", true)]
    [InlineData("<MudButton Label=\"Opslaan\" />", true)]
    [InlineData("<input placeholder=\"Zoeken\" />", true)]
    [InlineData("<p>@L[\"Home.Title\"]</p>", false)]
    [InlineData("</div>\n@if (RendererInfo.IsInteractive)\n{\n    <span hidden></span>\n}\n<p>", false)]
    [InlineData("}\nelse\n{\n<b>Geen resultaten</b>", true)]
    [InlineData("<MudButton aria-label=\"@L[\"X\"]\" />", false)]
    [InlineData("@code { private string _x = \"<b>text</b>\"; }", false)]
    [InlineData("<dd>@string.Join(\", \", item.Categories.Select(L.Category))</dd>", false)]
    [InlineData("<span>@context.User.Identity?.Name</span>", false)]
    [InlineData("<MudTextField Lines=\"@(Lines > 1 ? 2 : 1)\" Label=\"@L[\"X\"]\" />", false)]
    [InlineData("<li>@(x is { } y ? L[\"A\", y] : L[\"B\"])</li>", false)]
    [InlineData("<p>Prijs: @item.Price</p>", true)]
    [InlineData("</h1>\n    var meeting = _agenda.Meeting;\n    var planned = meeting.Status == MeetingStatus.Planned;\n<div>", false)]
    [InlineData("<p>Let op: bedrag = 5;</p>", true)]
    public void The_literal_text_detector_tells_text_from_expressions(string razor, bool hasLiteral)
    {
        Assert.Equal(hasLiteral, LiteralTexts(razor).Any());
    }

    /// <summary>Text between tags, or in a labelling attribute, that is neither Razor code nor a comment.</summary>
    internal static IEnumerable<string> LiteralTexts(string razor)
    {
        var markup = CodeBlock().Replace(razor, string.Empty);
        markup = RazorComment().Replace(markup, string.Empty);
        markup = HtmlComment().Replace(markup, string.Empty);
        markup = ScriptOrStyle().Replace(markup, string.Empty);
        markup = Directive().Replace(markup, string.Empty);
        markup = RazorControl().Replace(markup, string.Empty);
        markup = StripRazorExpressions(markup);

        foreach (Match m in BetweenTags().Matches(markup))
        {
            var text = m.Groups[1].Value.Trim();
            if (text.Any(char.IsLetter) && !IsCodeStatements(text))
            {
                yield return text;
            }
        }

        foreach (Match m in LabellingAttribute().Matches(markup))
        {
            if (m.Groups[2].Value.Any(char.IsLetter))
            {
                yield return m.Groups[2].Value;
            }
        }
    }

    /// <summary>C# statements inside a Razor code block (<c>var x = y;</c> lines), not text.</summary>
    private static bool IsCodeStatements(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(line => CodeStatement().IsMatch(line));

    /// <summary>Removes <c>@(…)</c>, <c>@{…}</c> and implicit expressions like <c>@a.b?.c(x)[y]</c>, with nested brackets and strings.</summary>
    internal static string StripRazorExpressions(string markup)
    {
        var result = new System.Text.StringBuilder(markup.Length);
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            if (c != '@' || i + 1 >= markup.Length)
            {
                result.Append(c);
                continue;
            }

            var next = markup[i + 1];
            if (next == '@')
            {
                i++;
                continue;
            }

            if (next is '(' or '{')
            {
                i = SkipBalanced(markup, i + 1);
                continue;
            }

            if (!char.IsLetter(next) && next != '_')
            {
                result.Append(c);
                continue;
            }

            var j = i + 1;
            while (j < markup.Length)
            {
                if (char.IsLetterOrDigit(markup[j]) || markup[j] is '_' or '.' or '?' or '!')
                {
                    j++;
                }
                else if (markup[j] is '(' or '[')
                {
                    j = SkipBalanced(markup, j) + 1;
                }
                else
                {
                    break;
                }
            }

            i = j - 1;
        }

        return result.ToString();
    }

    /// <summary>The index of the bracket closing the one at <paramref name="start"/>, skipping string literals.</summary>
    private static int SkipBalanced(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        i += text[i] == '\\' ? 2 : 1;
                    }

                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return text.Length - 1;
    }

    [GeneratedRegex(@"^(var\s+\w+|[\w.]+)\s*=[^;]*;$")]
    private static partial Regex CodeStatement();

    [GeneratedRegex(@"L\[""([A-Za-z0-9_.]+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"@code\s*\{[\s\S]*$")]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"@\*[\s\S]*?\*@")]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<!--[\s\S]*?-->")]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(script|style)[\s\S]*?</\1>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"^\s*@(page|attribute|using|inject|inherits|implements|layout|rendermode|typeparam|namespace)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@">([^<>]+)<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex(@"@?\b(?:if|foreach|for|while|switch|using|lock)\s*\((?:[^()]|\([^()]*\))*\)|\belse\b|[{}]")]
    private static partial Regex RazorControl();

    [GeneratedRegex(@"\b(Label|Title|Text|placeholder|Placeholder|title|aria-label|alt|HelperText|Tooltip)=""([^""]*)""")]
    private static partial Regex LabellingAttribute();
}
