using System.Text.RegularExpressions;
using KIP.Tests.Infrastructure;
using KIP.Web.Settings;

namespace KIP.Tests.Settings;

/// <summary>
/// The README's configuration tables ("Configuration" and, for each authority, "External authorities") name every
/// <c>Kip:*</c> setting the options classes offer, and nothing they do not: an operator can trust the table.
/// </summary>
public sealed partial class ReadmeSettingsTableTests
{
    private const string SchemePrefix = "Kip:Auth:Schemes:<name>:";

    [Fact]
    public void Every_setting_of_the_options_classes_is_in_the_README_and_every_setting_in_the_README_exists()
    {
        var readme = File.ReadAllText(Path.Combine(AppProcess.SolutionRoot(), "README.md"));
        var documented = Documented(readme).Select(Normalise).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var offered = KipSettings.Keys().Select(Normalise).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.True(offered.Count > 40, "the options classes offer every Kip:* setting");
        Assert.Empty(offered.Except(documented, StringComparer.OrdinalIgnoreCase).Order());
        Assert.Empty(documented.Except(offered, StringComparer.OrdinalIgnoreCase).Order());
    }

    [Fact]
    public void The_README_table_is_read_as_an_operator_reads_it()
    {
        var keys = Documented("""
            ## Configuration

            | setting | default | meaning |
            |---|---|---|
            | `Kip__Mail__Smtp__Host` / `Port` | none / `587` | the `Kip__Not__This` server |
            | `Kip__Auth__Schemes__<name>__…` | none | see below |
            | `ASPNETCORE_ENVIRONMENT` | `Development` | |

            ### External authorities

            | setting | default | meaning |
            |---|---|---|
            | `ClientId`, `ClientSecret` | — | |
            | `GroupMapping:<external>` | — | |
            """).ToList();

        Assert.Equal(["Kip:Mail:Smtp:Host", "Kip:Mail:Smtp:Port", SchemePrefix + "ClientId", SchemePrefix + "ClientSecret", SchemePrefix + "GroupMapping:<external>"], keys);
    }

    /// <summary>The settings the README names: the first column of its two configuration tables.</summary>
    private static IEnumerable<string> Documented(string readme)
    {
        foreach (var cell in FirstCells(Section(readme, "## Configuration")))
        {
            string? absolute = null;
            foreach (var token in Tokens(cell))
            {
                if (token.EndsWith('…'))
                {
                    continue; // a pointer to the other table
                }

                if (token.StartsWith("Kip__", StringComparison.Ordinal))
                {
                    absolute = token.Replace("__", ":", StringComparison.Ordinal);
                    yield return absolute;
                }
                else if (absolute is not null)
                {
                    yield return absolute[..(absolute.LastIndexOf(':') + 1)] + token.Replace("__", ":", StringComparison.Ordinal);
                }
            }
        }

        foreach (var cell in FirstCells(Section(readme, "### External authorities")))
        {
            foreach (var token in Tokens(cell))
            {
                yield return SchemePrefix + token;
            }
        }
    }

    private static string Section(string readme, string heading)
    {
        var start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has a section '{heading}'");
        var text = readme[(start + heading.Length)..];
        var next = HeadingLine().Match(text);
        return next.Success ? text[..next.Index] : text;
    }

    /// <summary>The first cell of each row of the section's first table (not its header or separator).</summary>
    private static IEnumerable<string> FirstCells(string section) =>
        section.Split('\n')
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2)
            .Select(line => line.Split('|')[1]);

    private static IEnumerable<string> Tokens(string cell) => Backticked().Matches(cell).Select(m => m.Groups[1].Value);

    private static string Normalise(string key) => Placeholder().Replace(key, "<>");

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^#{1,3} ", RegexOptions.Multiline)]
    private static partial Regex HeadingLine();
}
