using Lucene.Net.Store;

namespace IiifHarvester.Indexing.Store;

/// <summary>
/// An index folder read through memory maps, like Lucene's <see cref="MMapDirectory"/>, without its bookkeeping of
/// clones: that directory registers every clone of an input (several per term a search looks up) in a
/// <c>ConditionalWeakTable</c>, and the garbage collector walks every entry of it in every collection. After a busy
/// hour those tables held so many that a gen0 collection, which had under a megabyte to keep, spent 17-23 ms marking
/// them (search benchmark, GC pauses by root kind), and that was the slowest one per cent of searches. Here a clone
/// is a position over the same mapping and nothing else; once the file is closed, reading any of its inputs throws
/// <see cref="ObjectDisposedException"/>, as Lucene's closed inputs do. Writing is <see cref="FSDirectory"/>'s.
/// </summary>
internal sealed class MappedDirectory : FSDirectory
{
    public MappedDirectory(DirectoryInfo path)
        : base(path, null)
    {
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        return MappedIndexInput.Open(Path.Combine(Directory.FullName, name));
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(MappedIndexInput.Open(Path.Combine(Directory.FullName, name)));
    }

    /// <summary>Slices of one mapping (a compound file's parts); the mapping is released with the slicer.</summary>
    private sealed class Slicer : IndexInputSlicer
    {
        private readonly MappedIndexInput _whole;

        public Slicer(MappedIndexInput whole)
        {
            _whole = whole;
        }

        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            _whole.Slice(sliceDescription, offset, length);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => _whole.Slice("full slice", 0, _whole.Length);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _whole.Dispose();
            }
        }
    }
}
