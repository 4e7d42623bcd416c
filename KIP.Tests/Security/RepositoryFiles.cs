namespace KIP.Tests.Security;

/// <summary>The repository the tests were built from: for checks that read its documents and sources.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The app's own sources (C#, Razor, JavaScript), never build output.</summary>
    public static IEnumerable<string> WebSources(params string[] extensions) =>
        Directory.EnumerateFiles(PathOf("KIP.Web"), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "KIP.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("KIP.sln not found above " + AppContext.BaseDirectory);
    }
}
