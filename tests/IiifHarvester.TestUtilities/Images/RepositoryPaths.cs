namespace IiifHarvester.TestUtilities.Images;

/// <summary>Finds the repository root (the folder holding IiifHarvester.sln) and the shared folder beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IiifHarvester.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException("IiifHarvester.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary><c>../shared/images</c> relative to the repository root.</summary>
    public static string SharedImages => Path.GetFullPath(Path.Combine(Root, "..", "shared", "images"));
}
