using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IiifHarvester.Harvesting.Tests.Disks;

/// <summary>The index's directory on an <see cref="InjectedTestDisk"/>: creating a file fails once the disk is full.</summary>
internal sealed class NoSpaceDirectory(LuceneDirectory inner, InjectedTestDisk disk) : FilterDirectory(inner)
{
    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        disk.CheckRoomFor(name);
        return base.CreateOutput(name, context);
    }
}
