namespace IiifHarvester.TestUtilities.Corpus;

/// <summary>
/// The shared corpus of real IIIF documents (../shared/corpus beside the repository root, found by walking up
/// to IiifHarvester.sln). Files are read in place, never copied into the project.
/// </summary>
public static class CorpusFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The corpus folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Every JSON document outside <c>invalid/</c>, as paths relative to <see cref="Root"/> ('/' separated), sorted.</summary>
    public static IReadOnlyList<string> Valid() => List(f => !f.StartsWith("invalid/", StringComparison.Ordinal));

    /// <summary>Every document under <c>invalid/</c> (NOTES.md excluded), relative to <see cref="Root"/>, sorted.</summary>
    public static IReadOnlyList<string> Invalid() => List(f => f.StartsWith("invalid/", StringComparison.Ordinal));

    /// <summary>Every document of a corpus folder (e.g. <c>presentation3</c>), relative to <see cref="Root"/>, sorted.</summary>
    public static IReadOnlyList<string> InFolder(string folder) => List(f => f.StartsWith(folder + "/", StringComparison.Ordinal));

    /// <summary>The bytes of a corpus file given relative to <see cref="Root"/>.</summary>
    public static byte[] Read(string relativePath) => File.ReadAllBytes(FullPath(relativePath));

    /// <summary>The absolute path of a corpus file given relative to <see cref="Root"/>.</summary>
    public static string FullPath(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A stable URI standing for where the file was fetched from (<c>file:///corpus/...</c>).</summary>
    public static string UriOf(string relativePath) => "file:///corpus/" + relativePath;

    private static List<string> List(Func<string, bool> include) =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && f.Contains('/', StringComparison.Ordinal))
            .Where(include)
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IiifHarvester.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus)
                    ? corpus
                    : throw new DirectoryNotFoundException($"the shared corpus is expected at {corpus} (../shared/corpus from the repository root)");
            }
        }

        throw new DirectoryNotFoundException($"no IiifHarvester.sln above {AppContext.BaseDirectory}");
    }
}
