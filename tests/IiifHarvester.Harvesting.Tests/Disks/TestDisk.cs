using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Disks;

/// <summary>
/// A disk for a test to fill: a real small tmpfs where the test runs as root (as CI runs), and always one whose
/// fullness is injected into the index's and the store's write paths (ENOSPC, SQLITE_FULL), so the disk-full tests run
/// and pass wherever they run, never skipped.
/// </summary>
internal abstract class TestDisk : IDisposable
{
    public const string Mounted = "tmpfs";
    public const string Injected = "injected";

    /// <summary>The kinds of disk this machine can give: both as root, the injected one otherwise.</summary>
    public static TheoryData<string> Kinds => Environment.IsPrivilegedProcess ? new() { Mounted, Injected } : new() { Injected };

    /// <summary>Where to put what should fill up.</summary>
    public abstract string Path { get; }

    /// <summary>A disk of <paramref name="kind"/> of about <paramref name="size"/> (as mount spells it: <c>16m</c>).</summary>
    public static TestDisk Create(string kind, string size) => kind switch
    {
        Mounted => new MountedTestDisk(size),
        Injected => new InjectedTestDisk(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a disk kind of TestDisk.Kinds"),
    };

    /// <summary>Registers what the disk needs in the host (the injected disk's write-path filters).</summary>
    public abstract void Configure(IServiceCollection services);

    /// <summary>Fills the disk until only <paramref name="leaveBytes"/> are free.</summary>
    public abstract void Fill(long leaveBytes);

    /// <summary>Frees the space <see cref="Fill"/> took.</summary>
    public abstract void Free();

    public abstract void Dispose();
}
