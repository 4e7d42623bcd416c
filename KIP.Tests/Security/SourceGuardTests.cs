using System.Text.RegularExpressions;

namespace KIP.Tests.Security;

/// <summary>
/// ASVS 5.0 level 1 items that hold by what KIP's own code never does: these read the sources, so a change that
/// starts doing it fails here with the file and line (docs/security/asvs-l1.md).
/// </summary>
public sealed class SourceGuardTests
{
    private static List<string> Matches(Regex pattern, params string[] extensions) =>
        [.. RepositoryFiles.WebSources(extensions)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryFiles.Root, l.File)}:{l.Line}: {l.Text.Trim()}")];

    [Fact]
    public void V1_3_2_KIP_runs_no_eval_or_other_code_built_at_run_time()
    {
        Assert.NotEmpty(RepositoryFiles.WebSources(".js"));
        var script = Matches(new Regex(@"\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['""`]|""eval""|'eval'"), ".js", ".razor", ".cs");
        var dotnet = Matches(new Regex(@"CSharpScript|Assembly\.Load|DynamicMethod|System\.Linq\.Dynamic|Roslyn"), ".cs", ".razor");

        Assert.True(script.Count == 0 && dotnet.Count == 0, string.Join("\n", script.Concat(dotnet)));
    }

    [Fact]
    public void V3_2_2_Pages_never_render_text_as_markup_and_scripts_never_write_HTML()
    {
        var markup = Matches(new Regex(@"MarkupString|AddMarkupContent"), ".razor", ".cs");
        var html = Matches(new Regex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\("), ".js", ".razor");

        Assert.True(markup.Count == 0 && html.Count == 0, string.Join("\n", markup.Concat(html)));
    }

    [Fact]
    public void V14_3_1_KIP_keeps_nothing_in_browser_storage_that_could_outlive_the_session()
    {
        var storage = Matches(new Regex(@"localStorage|sessionStorage|indexedDB|ProtectedLocalStorage|ProtectedSessionStorage|caches\.open"), ".js", ".razor", ".cs");

        Assert.True(storage.Count == 0, string.Join("\n", storage));
    }

    [Fact]
    public void V15_2_1_A_package_with_a_known_vulnerability_fails_the_build()
    {
        var props = File.ReadAllText(RepositoryFiles.PathOf("Directory.Build.props"));
        Assert.Contains("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", props, StringComparison.Ordinal);

        // NuGet audits every restore (NU1901-NU1904 are warnings, so errors here); nothing may switch it off or narrow it.
        var build = Directory.EnumerateFiles(RepositoryFiles.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal) || f.EndsWith("nuget.config", StringComparison.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"<NuGetAudit>\s*false|NoWarn[^<]*NU190[1-4]|WarningsNotAsErrors[^<]*NU190[1-4]|<NuGetAuditLevel>\s*(high|critical)|<auditSources>\s*<clear", RegexOptions.IgnoreCase))
            .ToList();
        Assert.True(build.Count == 0, "vulnerability audit weakened in: " + string.Join(", ", build));
    }
}
