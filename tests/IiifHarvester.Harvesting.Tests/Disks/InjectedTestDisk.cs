using IiifHarvester.Indexing;
using IiifHarvester.Storage;
using IiifHarvester.TestUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IiifHarvester.Harvesting.Tests.Disks;

/// <summary>
/// A folder that behaves as a small disk without mounting one (no root needed): once filled, what is under it may
/// grow by the bytes left and no more. A new index file is then refused with the IOException .NET raises for ENOSPC,
/// and a store commit with the SqliteException SQLite raises for SQLITE_FULL, through the product's write-path seams
/// (<see cref="IIndexDirectoryFilter"/>, <see cref="ISqliteCommitFilter"/>). Deleting files makes room, as on a disk.
/// </summary>
internal sealed class InjectedTestDisk : TestDisk, IIndexDirectoryFilter, ISqliteCommitFilter
{
    // ENOSPC as FileStream reports it: the errno on Unix, ERROR_DISK_FULL on Windows.
    private static readonly int NoSpace = OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28;

    private readonly TempDirectory _folder = new("iiifh-injected-disk");
    private long _capacity = long.MaxValue;

    public override string Path => _folder.Path;

    public override void Configure(IServiceCollection services)
    {
        services.AddSingleton<IIndexDirectoryFilter>(this);
        services.AddSingleton<ISqliteCommitFilter>(this);
    }

    public override void Fill(long leaveBytes) => Interlocked.Exchange(ref _capacity, Used() + leaveBytes);

    public override void Free() => Interlocked.Exchange(ref _capacity, long.MaxValue);

    public LuceneDirectory Wrap(string location, LuceneDirectory directory) =>
        IsOnThisDisk(location) ? new NoSpaceDirectory(directory, this) : directory;

    public void BeforeCommit(string databasePath)
    {
        if (IsOnThisDisk(databasePath) && IsFull())
        {
            throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
        }
    }

    /// <summary>Throws as creating a file on a full disk does.</summary>
    public void CheckRoomFor(string file)
    {
        if (IsFull())
        {
            throw new IOException($"No space left on device : '{file}'", NoSpace);
        }
    }

    public override void Dispose() => _folder.Dispose();

    private bool IsFull() => Used() > Interlocked.Read(ref _capacity);

    private bool IsOnThisDisk(string path) =>
        System.IO.Path.GetFullPath(path).StartsWith(_folder.Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private long Used()
    {
        long used = 0;
        foreach (var file in new DirectoryInfo(_folder.Path).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                used += file.Length;
            }
            catch (FileNotFoundException)
            {
                // Deleted between listing and measuring (a merged-away segment).
            }
        }

        return used;
    }
}
