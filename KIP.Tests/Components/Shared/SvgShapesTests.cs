using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bunit;
using KIP.Tests.Security;
using KIP.Web.Components.Shared;
using MudBlazor;

namespace KIP.Tests.Components.Shared;

/// <summary>
/// The icons drawn without a MudIcon component (nav menu, language switch, SROI badge) show exactly the shapes of
/// MudBlazor's icon, and are written as elements, never as markup: anything but SVG shapes is refused.
/// </summary>
public sealed partial class SvgShapesTests : BunitContext
{
    public static TheoryData<string> IconsTheAppDraws() => [.. IconReferences()];

    private static IEnumerable<string> IconReferences() =>
        RepositoryFiles.WebSources(".razor", ".cs")
            .Select(File.ReadAllText)
            .Where(source => source.Contains("SvgShapes.Of(", StringComparison.Ordinal))
            .SelectMany(source => IconReference().Matches(source).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(IconsTheAppDraws))]
    public void Draws_every_icon_the_app_uses_with_the_same_elements_and_attributes_as_MudBlazor(string reference)
    {
        var icon = IconValue(reference);

        var rendered = Render(builder =>
        {
            builder.OpenElement(0, "svg");
            builder.AddContent(1, SvgShapes.Of(icon));
            builder.CloseElement();
        });

        Assert.Equal(Shapes(XElement.Parse("<svg>" + icon + "</svg>")), Shapes(XElement.Parse(rendered.Markup)));
    }

    [Fact]
    public void The_app_draws_at_least_the_menu_switch_and_badge_icons()
    {
        var icons = IconReferences().ToList();

        Assert.Contains("Icons.Material.Filled.Home", icons);
        Assert.Contains("Icons.Material.Filled.Translate", icons);
        Assert.Contains("Icons.Material.Filled.HourglassBottom", icons);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<path d=\"M0 0h24\"/><script>alert(1)</script>")]
    [InlineData("<path d=\"M0 0h24\" onload=\"alert(1)\"/>")]
    [InlineData("<path d=\"M0 0h24\" style=\"background:url(x)\"/>")]
    [InlineData("<foreignObject><div>text</div></foreignObject>")]
    [InlineData("<use href=\"#other\"/>")]
    [InlineData("<a href=\"https://example.org\"><path d=\"M0 0h24\"/></a>")]
    [InlineData("<g><image href=\"x.png\"/></g>")]
    [InlineData("<path d=\"M0 0h24\"/>text outside a shape")]
    [InlineData("<g>text inside a group</g>")]
    [InlineData("<![CDATA[<b>bold</b>]]>")]
    [InlineData("just text")]
    [InlineData("")]
    [InlineData("<path d=\"M0 0h24\"")]
    public void Refuses_anything_but_svg_shapes(string icon)
    {
        Assert.ThrowsAny<Exception>(() => SvgShapes.Of(icon));
    }

    [Fact]
    public void Escapes_attribute_values_instead_of_writing_them_as_markup()
    {
        var rendered = Render(SvgShapes.Of("<path d=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"/>"));

        Assert.Empty(rendered.FindAll("script"));
        Assert.Equal("\"><script>alert(1)</script>", Assert.Single(rendered.FindAll("path")).GetAttribute("d"));
    }

    private static string IconValue(string reference)
    {
        // "Icons.Material.Filled.Home" → the constant MudBlazor.Icons.Material.Filled.Home
        var parts = reference.Split('.');
        var type = typeof(Icons).Assembly.GetType("MudBlazor." + string.Join('+', parts[..^1]), throwOnError: true)!;
        var field = type.GetField(parts[^1], BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException(reference + " is not a MudBlazor icon");
        return (string)field.GetValue(null)!;
    }

    private static List<string> Shapes(XElement svg) =>
        svg.Descendants().Select(e => e.Name.LocalName + " " + string.Join(" ", e.Attributes()
            .OrderBy(a => a.Name.LocalName, StringComparer.Ordinal).Select(a => $"{a.Name.LocalName}=\"{a.Value}\""))
            + " in " + e.Parent!.Name.LocalName).ToList();

    [GeneratedRegex(@"Icons\.Material\.\w+\.\w+")]
    private static partial Regex IconReference();
}
