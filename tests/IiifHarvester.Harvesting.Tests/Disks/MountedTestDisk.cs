using IiifHarvester.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Harvesting.Tests.Disks;

/// <summary>A real tmpfs, filled with a file until the kernel answers ENOSPC.</summary>
internal sealed class MountedTestDisk(string size) : TestDisk
{
    private readonly SmallDisk _disk = SmallDisk.Mount(size);

    public override string Path => _disk.Path;

    public override void Configure(IServiceCollection services)
    {
    }

    public override void Fill(long leaveBytes) => _disk.Fill(leaveBytes);

    public override void Free() => _disk.Free();

    public override void Dispose() => _disk.Dispose();
}
