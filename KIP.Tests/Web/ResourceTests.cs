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

        foreach (Match m in BetweenTags().Matches(markup))
        {
            var text = RazorControl().Replace(m.Groups[1].Value, string.Empty);
            text = RazorExpression().Replace(text, string.Empty).Trim();
            if (text.Any(char.IsLetter) && !text.StartsWith('@'))
            {
                yield return text;
            }
        }

        foreach (Match m in LabellingAttribute().Matches(markup))
        {
            if (!m.Groups[2].Value.StartsWith('@') && m.Groups[2].Value.Any(char.IsLetter))
            {
                yield return m.Groups[2].Value;
            }
        }
    }

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

    [GeneratedRegex(@"@(?:\([^()]*\)|[A-Za-z_][\w.]*(?:\[[^\]]*\])?(?:\([^()]*\))?)")]
    private static partial Regex RazorExpression();

    [GeneratedRegex(@"\b(Label|Title|Text|placeholder|Placeholder|title|aria-label|alt|HelperText|Tooltip)=""([^""]*)""")]
    private static partial Regex LabellingAttribute();
}
