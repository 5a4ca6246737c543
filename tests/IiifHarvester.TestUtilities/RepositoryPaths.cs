namespace IiifHarvester.TestUtilities;

/// <summary>Where the repository and the shared material are, found from the test's working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "IiifHarvester.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IiifHarvester.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding IiifHarvester.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>The shared folder beside the repository (<c>../shared</c>).</summary>
    public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));

    /// <summary>The real-document corpus (<c>../shared/corpus</c>).</summary>
    public static string Corpus => System.IO.Path.Combine(Shared, "corpus");
}
