using System.Reflection;
using System.Text.RegularExpressions;
using KIP.Tests.Security;
using KIP.Web.Addresses;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace KIP.Tests.Web;

/// <summary>
/// One way to make a link: a route template is written once, in the page's <c>Url</c>, and its links are that template
/// filled by <see cref="PageAddress"/>. A link that no longer matches its page would be a dead link for every user.
/// </summary>
public sealed partial class PageAddressTests
{
    [Fact]
    public void A_template_is_filled_in_order_and_each_value_escaped()
    {
        var organisation = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        var application = Guid.Parse("8c6f0b3e-1d2a-4b5c-9e7f-0a1b2c3d4e5f");

        Assert.Equal(
            "/organisaties/3f2504e0-4f89-11d3-9a0c-0305e82c3301/aanvragen/8c6f0b3e-1d2a-4b5c-9e7f-0a1b2c3d4e5f/samenvatting",
            PageAddress.Fill("/organisaties/{id:guid}/aanvragen/{applicationId:guid}/samenvatting", organisation, application));
        Assert.Equal("/gedeeld/a%20b%2Fc", PageAddress.Fill("/gedeeld/{token}", "a b/c"));
    }

    [Fact]
    public void Too_few_or_too_many_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PageAddress.Fill("/aanbod/{id:guid}"));
        Assert.Throws<ArgumentException>(() => PageAddress.Fill("/aanbod/{id:guid}", Guid.NewGuid(), Guid.NewGuid()));
    }

    [Fact]
    public void Every_page_link_matches_its_own_route_and_the_route_parameters_are_written_in_one_casing()
    {
        var pages = typeof(KIP.Web.Addresses.PageAddress).Assembly.GetTypes()
            .Select(t => (Type: t, Url: t.GetField("Url", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string, UrlFor: t.GetMethod("UrlFor", BindingFlags.Public | BindingFlags.Static)))
            .Where(p => p.Url is not null && p.Url.Contains('{', StringComparison.Ordinal))
            .ToList();

        Assert.True(pages.Count >= 10, $"Only {pages.Count} pages with route parameters were found.");
        foreach (var (type, url, urlFor) in pages)
        {
            Assert.True(urlFor is not null, $"{type.Name} has a route with parameters ({url}) but no UrlFor.");
            Assert.DoesNotMatch(UpperCaseParameter(), url!);
            var arguments = urlFor!.GetParameters().Select(p => p.ParameterType == typeof(Guid) ? (object)Guid.NewGuid() : "abc").ToArray();
            var link = (string)urlFor.Invoke(null, arguments)!;

            var values = new RouteValueDictionary();
            Assert.True(new TemplateMatcher(TemplateParser.Parse(url!.TrimStart('/')), []).TryMatch(link, values), $"{type.Name}.UrlFor gives {link}, which does not match {url}.");
            Assert.Equal(arguments.Select(a => a.ToString()), values.Values.Select(v => v?.ToString()));
        }
    }

    [Fact]
    public void No_address_of_the_app_is_written_a_second_time_as_an_interpolated_string()
    {
        // Sign-in callbacks and the language switch are framework paths built from a scheme or a query, not page routes.
        string[] frameworkPaths = ["AccessSetup.cs", "OidcClientSetup.cs", "KipCultures.cs"];
        var written = RepositoryFiles.WebSources(".cs", ".razor")
            .Where(f => !frameworkPaths.Contains(Path.GetFileName(f)))
            .SelectMany(f => File.ReadLines(f).Where(line => InterpolatedAddress().IsMatch(line)).Select(line => $"{Path.GetFileName(f)}: {line.Trim()}"))
            .ToList();

        Assert.True(written.Count == 0, "Fill the page's Url with PageAddress instead:\n" + string.Join("\n", written));
    }

    [GeneratedRegex(@"\{[A-Z][A-Za-z]*(:[a-z]+)?\}")]
    private static partial Regex UpperCaseParameter();

    [GeneratedRegex(@"\$""/[a-z]")]
    private static partial Regex InterpolatedAddress();
}
