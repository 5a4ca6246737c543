using System.Globalization;

namespace IiifHarvester.Indexing.Writing;

/// <summary>
/// An exclusive OS lock on an index directory for as long as one <see cref="SearchIndex"/> has it open. Lucene.Net's
/// own <c>write.lock</c> takes a shared lock on Linux, so two processes could both open a writer on one directory
/// and the second's rollback deleted the first's unfinished segments. This lock is exclusive (<see cref="FileShare.None"/>
/// is <c>flock(LOCK_EX)</c> on Unix, a share mode on Windows) and is freed by the OS when the process dies, so a
/// process killed with the lock leaves nothing to clean up. Who holds it is written beside it for the message the
/// next one gets.
/// </summary>
internal sealed class IndexDirectoryLock : IDisposable
{
    /// <summary>The lock file's name in the index directory.</summary>
    public const string LockFileName = "index.lock";

    /// <summary>The file naming the holder.</summary>
    public const string HolderFileName = "index.holder";

    // What FileStream reports for a file another process holds: a sharing violation on Windows; on Unix the errno
    // of the refused flock, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    private const int SharingViolation = unchecked((int)0x80070020);

    private readonly FileStream _lock;

    private IndexDirectoryLock(FileStream held) => _lock = held;

    /// <summary>Whether <paramref name="fileName"/> is one of this lock's files (not Lucene's, never deleted with the index).</summary>
    public static bool IsLockFile(string fileName) => fileName is LockFileName or HolderFileName;

    /// <summary>
    /// Takes the lock on <paramref name="location"/> for this process, recording <paramref name="since"/>; throws
    /// <see cref="IndexInUseException"/> naming the holder when another process has it.
    /// </summary>
    public static IndexDirectoryLock Take(string location, DateTimeOffset since)
    {
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(location, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            throw new IndexInUseException(location, ReadHolder(location), ex);
        }

        try
        {
            File.WriteAllText(
                Path.Combine(location, HolderFileName),
                string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}, since {since:O}"));
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return new IndexDirectoryLock(held);
    }

    public void Dispose() => _lock.Dispose();

    private static bool IsHeldElsewhere(IOException ex) =>
        OperatingSystem.IsWindows() ? ex.HResult == SharingViolation : ex.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    private static string ReadHolder(string location)
    {
        try
        {
            return File.ReadAllText(Path.Combine(location, HolderFileName)).Trim();
        }
        catch (IOException)
        {
            return "it did not say who it is";
        }
    }
}
