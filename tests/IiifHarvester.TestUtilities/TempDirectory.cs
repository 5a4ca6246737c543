namespace IiifHarvester.TestUtilities;

/// <summary>A directory under the system temp folder, deleted at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "iiifh")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process we started may still hold a file for a moment; the OS cleans temp in the end.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
