using KIP.Tests.Security;

namespace KIP.Tests.Web;

/// <summary>
/// A newcomer reads the README's "Waar staat wat" to know where each kind of code lives: every folder of the app and of
/// the repository is named there, so a new folder cannot appear without a sentence saying what it is for.
/// </summary>
public sealed class ReadmeLayoutTests
{
    [Fact]
    public void Waar_staat_wat_names_every_folder_of_the_app_and_of_the_repository()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var start = readme.IndexOf("### Waar staat wat", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README has no section \"Waar staat wat\".");
        var end = readme.IndexOf("\n## ", start, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        string[] ignored = ["bin", "obj", "data", "artifacts", "node_modules", "TestResults"];
        var appFolders = Directory.GetDirectories(RepositoryFiles.PathOf("KIP.Web")).Select(d => "KIP.Web/" + Path.GetFileName(d) + "/");
        var repositoryFolders = Directory.GetDirectories(RepositoryFiles.Root).Select(d => Path.GetFileName(d)!)
            .Where(name => !name.StartsWith('.')).Select(name => name + "/");
        var missing = appFolders.Concat(repositoryFolders)
            .Where(folder => !ignored.Any(i => folder.TrimEnd('/').EndsWith("/" + i, StringComparison.Ordinal) || folder.TrimEnd('/') == i))
            .Where(folder => !section.Contains("`" + folder, StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "Folders the README's \"Waar staat wat\" does not name: " + string.Join(", ", missing));
    }
}
