using System.Reflection;
using System.Text.RegularExpressions;

namespace KIP.Tests.Security;

/// <summary>
/// docs/security/asvs-l1.md cannot rot: it lists exactly the level-1 items of ASVS 5.0.0, every test it names exists
/// and is named after its item, and every test named after a level-1 item is listed.
/// </summary>
public sealed partial class AsvsInventoryTests
{
    /// <summary>The 70 level-1 requirements of OWASP ASVS 5.0.0 (5.0/docs_en/…_5.0.0_en.csv, column L = 1).</summary>
    private static readonly string[] LevelOne =
    [
        "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1", "1.3.2", "1.5.1",
        "2.1.1", "2.2.1", "2.2.2", "2.3.1",
        "3.2.1", "3.2.2", "3.3.1", "3.4.1", "3.4.2", "3.5.1", "3.5.2", "3.5.3",
        "4.1.1", "4.4.1",
        "5.2.1", "5.2.2", "5.3.1", "5.3.2",
        "6.1.1", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.2.7", "6.2.8", "6.3.1", "6.3.2", "6.4.1", "6.4.2",
        "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.4.1", "7.4.2",
        "8.1.1", "8.2.1", "8.2.2", "8.3.1",
        "9.1.1", "9.1.2", "9.1.3", "9.2.1",
        "10.4.1", "10.4.2", "10.4.3", "10.4.4", "10.4.5",
        "11.3.1", "11.3.2", "11.4.1",
        "12.1.1", "12.2.1", "12.2.2",
        "13.4.1",
        "14.2.1", "14.3.1",
        "15.1.1", "15.2.1", "15.3.1",
    ];

    private sealed record Row(string Item, int Level, string Applies, string HeldBy)
    {
        public string Prefix => "V" + Item.Replace('.', '_') + "_";
    }

    private static readonly Lazy<List<Row>> Rows = new(() =>
        [.. File.ReadLines(RepositoryFiles.PathOf("docs/security/asvs-l1.md"))
            .Select(line => RowPattern().Match(line))
            .Where(m => m.Success)
            .Select(m => new Row(m.Groups["item"].Value, int.Parse(m.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["applies"].Value, m.Groups["held"].Value))]);

    /// <summary>Every xUnit test method of this assembly, by class name and method name.</summary>
    private static readonly Lazy<List<MethodInfo>> Tests = new(() =>
        [.. typeof(AsvsInventoryTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())]);

    /// <summary>The tests a row that applies names: <c>`Class.Method`</c>; other code in a reason is not a test.</summary>
    private static IEnumerable<string> Named(Row row) =>
        row.Applies != "yes" ? [] : Quoted().Matches(row.HeldBy).Select(m => m.Groups[1].Value).Where(n => TestName().IsMatch(n));

    private static IEnumerable<string> Documents(Row row) =>
        row.Applies != "yes" ? [] : Quoted().Matches(row.HeldBy).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("docs/", StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal));

    [Fact]
    public void The_level_1_rows_are_exactly_the_70_items_of_ASVS_5_0_0_each_once()
    {
        var listed = Rows.Value.Where(r => r.Level == 1).Select(r => r.Item).ToList();

        Assert.Equal(70, LevelOne.Length);
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(LevelOne.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r.Item).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_item_that_applies_is_held_by_a_test_or_a_document_and_every_other_says_why()
    {
        var failures = new List<string>();
        foreach (var row in Rows.Value)
        {
            if (row.Applies == "yes")
            {
                if (!Named(row).Any() && !Documents(row).Any())
                {
                    failures.Add($"{row.Item}: applies, but names no test or document");
                }
            }
            else if (row.HeldBy.Trim().Length < 15)
            {
                failures.Add($"{row.Item}: '{row.Applies}' needs a reason");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_test_named_in_the_inventory_exists_and_is_named_after_its_item()
    {
        var failures = new List<string>();
        foreach (var row in Rows.Value)
        {
            foreach (var name in Named(row))
            {
                var parts = name.Split('.');
                var found = parts.Length == 2 && Tests.Value.Any(m => m.DeclaringType!.Name == parts[0] && m.Name == parts[1]);
                if (!found)
                {
                    failures.Add($"{row.Item}: no test {name}");
                }
                else if (!parts[1].StartsWith(row.Prefix, StringComparison.Ordinal))
                {
                    failures.Add($"{row.Item}: {name} is not named {row.Prefix}…");
                }
            }

            foreach (var document in Documents(row))
            {
                if (!File.Exists(RepositoryFiles.PathOf(document)))
                {
                    failures.Add($"{row.Item}: no document {document}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_test_named_after_a_level_1_item_is_listed_in_the_inventory()
    {
        var listed = Rows.Value.SelectMany(r => Named(r).Select(n => n.Split('.').Last())).ToHashSet(StringComparer.Ordinal);
        var prefixes = Rows.Value.Where(r => r.Level == 1).Select(r => r.Prefix).ToList();

        var missing = Tests.Value
            .Where(m => prefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)) && !listed.Contains(m.Name))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "add to docs/security/asvs-l1.md:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"^\| (?<item>\d+\.\d+\.\d+) \| (?<level>[123]) \| [^|]+ \| (?<applies>yes|no|operator) \| (?<held>.*) \|$")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[A-Za-z]\w*\.[A-Za-z]\w*$")]
    private static partial Regex TestName();

}
