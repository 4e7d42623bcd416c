using System.Text.RegularExpressions;
using KIP.Tests.Security;

namespace KIP.Tests.Web;

/// <summary>
/// One home per concern: a folder of KIP.Web (a top-level folder such as Data or Live, or a feature under
/// Components/Pages) may use another, but two folders never use each other. A use is any mention of the other
/// folder's namespace in a source: a <c>using</c>/<c>@using</c> line, a qualified name, an <c>@inject</c>.
/// Program.cs, the composition root, is left out: it wires every folder.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void No_two_folders_of_the_app_use_each_other()
    {
        var pairs = MutualUses(Sources());

        Assert.True(pairs.Count == 0, "Folders that use each other (move the shared type to the folder that says what it is):\n" + string.Join("\n", pairs));
    }

    [Fact]
    public void No_folder_of_the_app_uses_itself_through_other_folders()
    {
        var uses = Uses(Sources());
        var cycles = new List<string>();
        foreach (var start in uses.Keys.Select(k => k.From).Distinct().Order(StringComparer.Ordinal))
        {
            if (PathBack(uses, start) is { } path)
            {
                cycles.Add(string.Join(" -> ", path));
            }
        }

        Assert.True(cycles.Count == 0, "Folders that use themselves through others:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void The_check_names_both_folders_of_a_pair_and_the_files_that_make_it()
    {
        var pairs = MutualUses(
        [
            ("Data/KipDbContext.cs", "using KIP.Web.Notifications;\nnamespace KIP.Web.Data;"),
            ("Notifications/NotificationService.cs", "using KIP.Web.Data;\nnamespace KIP.Web.Notifications;"),
            ("Components/Pages/Commission/Home.razor", "@inject KIP.Web.Components.Pages.Coordination.MeetingService Meetings"),
            ("Components/Pages/Coordination/Home.razor", "@using KIP.Web.Data"),
            ("Program.cs", "using KIP.Web.Components.Pages.Commission;"),
        ]);

        var pair = Assert.Single(pairs);
        Assert.Equal("Data <-> Notifications (Data/KipDbContext.cs; Notifications/NotificationService.cs)", pair);
    }

    private static List<(string Path, string Text)> Sources()
    {
        var web = RepositoryFiles.PathOf("KIP.Web");
        return [.. Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".cs" or ".razor")
            .Select(f => Path.GetRelativePath(web, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                && !f.StartsWith("Data/Migrations/", StringComparison.Ordinal)) // generated; entity names there are text, not uses
            .Select(f => (f, File.ReadAllText(Path.Combine(web, f))))];
    }

    /// <summary>A shortest way from <paramref name="start"/> through other folders back to it, or null.</summary>
    private static List<string>? PathBack(Dictionary<(string From, string To), SortedSet<string>> uses, string start)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var folder))
        {
            foreach (var next in uses.Keys.Where(k => k.From == folder).Select(k => k.To).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = folder; at != start; at = cameFrom[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (next != start && cameFrom.TryAdd(next, folder))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>The folder a source belongs to: Components/Pages/&lt;feature&gt;, Components/&lt;folder&gt;, or a top-level folder.</summary>
    private static string? FolderOf(string path)
    {
        var parts = path.Split('/');
        return parts switch
        {
            ["Components", "Pages", var feature, _, ..] => $"Components/Pages/{feature}",
            ["Components", var folder, _, ..] => $"Components/{folder}",
            ["Components", _] => "Components",
            [var folder, _, ..] => folder,
            _ => null, // Program.cs and other files at the root
        };
    }

    /// <summary>The folder a mentioned namespace (or qualified name) lives in, when it is one of <paramref name="folders"/>.</summary>
    private static string? FolderOfName(string name, HashSet<string> folders)
    {
        var parts = name.Split('.').Skip(2).ToArray(); // past "KIP.Web"
        for (var length = Math.Min(parts.Length, 3); length > 0; length--)
        {
            var folder = string.Join('/', parts.Take(length));
            if (folders.Contains(folder))
            {
                return folder;
            }
        }

        return null;
    }

    private static List<string> MutualUses(IEnumerable<(string Path, string Text)> sources)
    {
        var uses = Uses(sources);
        return [.. uses.Keys
            .Where(k => string.CompareOrdinal(k.From, k.To) < 0 && uses.ContainsKey((k.To, k.From)))
            .OrderBy(k => k.From, StringComparer.Ordinal).ThenBy(k => k.To, StringComparer.Ordinal)
            .Select(k => $"{k.From} <-> {k.To} ({string.Join(", ", uses[k])}; {string.Join(", ", uses[(k.To, k.From)])})")];
    }

    /// <summary>Which folder uses which, with the files that do.</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> Uses(IEnumerable<(string Path, string Text)> sources)
    {
        var files = sources.Select(s => (s.Path, s.Text, Folder: FolderOf(s.Path))).Where(s => s.Folder is not null).ToList();
        var folders = files.Select(f => f.Folder!).ToHashSet(StringComparer.Ordinal);
        var uses = new Dictionary<(string From, string To), SortedSet<string>>();
        foreach (var (path, text, folder) in files)
        {
            foreach (Match match in QualifiedName().Matches(text))
            {
                if (FolderOfName(match.Value, folders) is { } used && used != folder)
                {
                    var key = (folder!, used);
                    if (!uses.TryGetValue(key, out var by))
                    {
                        uses[key] = by = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    by.Add(path);
                }
            }
        }

        return uses;
    }

    [GeneratedRegex(@"\bKIP\.Web(?:\.[A-Za-z_]\w*)+")]
    private static partial Regex QualifiedName();
}
