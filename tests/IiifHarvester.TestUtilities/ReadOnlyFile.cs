namespace IiifHarvester.TestUtilities;

/// <summary>
/// A file no one can write, root included: bind-mounted over itself and the bind remounted read-only, so every open
/// for writing fails with EROFS (file modes do not stop root, as CI runs the tests). What was opened before keeps its
/// access; what opens it afterwards reads only. Needs root; without it the test fails saying so rather than skipping.
/// </summary>
public sealed class ReadOnlyFile : IDisposable
{
    private const string Why = "The read-only store tests bind-mount a file read-only and need root, as CI runs them.";
    private bool _mounted;

    private ReadOnlyFile(string path)
    {
        Path = path;
        MountCommand.Run(Why, "mount", "--bind", path, path);
        _mounted = true;
        try
        {
            MountCommand.Run(Why, "mount", "-o", "remount,ro,bind", path);
        }
        catch
        {
            MakeWritable();
            throw;
        }
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Makes <paramref name="path"/> (an existing file) read-only until <see cref="MakeWritable"/> or disposal.</summary>
    public static ReadOnlyFile Make(string path) => new(path);

    /// <summary>
    /// Makes the file writable again for what opens it from now on (it is the same file throughout); what has it open
    /// read-only keeps reading, so the read-only mount is detached lazily.
    /// </summary>
    public void MakeWritable()
    {
        if (_mounted)
        {
            MountCommand.Run(Why, "umount", "-l", Path);
            _mounted = false;
        }
    }

    public void Dispose() => MakeWritable();
}
