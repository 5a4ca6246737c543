namespace IiifHarvester.TestUtilities;

/// <summary>
/// A small tmpfs mounted for one test, to fill up for real (ENOSPC from the kernel, not a simulation). Mounting
/// needs root, as CI runs; without it the test fails saying so rather than being skipped.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempDirectory _mountPoint = new("iiifh-disk");
    private string? _filler;

    private SmallDisk(string size)
    {
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", _mountPoint.Path);
    }

    /// <summary>The mounted directory.</summary>
    public string Path => _mountPoint.Path;

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (as mount spells it: <c>8m</c>).</summary>
    public static SmallDisk Mount(string size) => new(size);

    /// <summary>Fills the disk with a file until only <paramref name="leaveBytes"/> are free.</summary>
    public void Fill(long leaveBytes)
    {
        _filler = System.IO.Path.Combine(Path, "filler");
        var free = new DriveInfo(Path).AvailableFreeSpace;
        using var stream = new FileStream(_filler, FileMode.Append, FileAccess.Write);
        var chunk = new byte[64 * 1024];
        for (var left = free - leaveBytes; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    /// <summary>Frees the space <see cref="Fill"/> took.</summary>
    public void Free()
    {
        if (_filler is not null)
        {
            File.Delete(_filler);
            _filler = null;
        }
    }

    /// <summary>Grows the disk to <paramref name="size"/>, keeping what is on it.</summary>
    public void Resize(string size) => Run("mount", "-o", $"remount,size={size}", Path);

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
        }
        finally
        {
            _mountPoint.Dispose();
        }
    }

    private static void Run(string command, params string[] arguments) =>
        MountCommand.Run("The disk-full tests mount a tmpfs and need root, as CI runs them.", command, arguments);
}
