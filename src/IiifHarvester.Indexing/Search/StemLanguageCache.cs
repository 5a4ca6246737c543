using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;

namespace IiifHarvester.Indexing.Search;

/// <summary>The stemmed text fields present in the current reader (a word query asks each), cached per reader version.</summary>
internal sealed class StemLanguageCache
{
    private Entry _cached = new(-1, []);

    public IReadOnlyCollection<string> Get(IndexReader reader)
    {
        var version = ((DirectoryReader)reader).Version;
        var cached = Volatile.Read(ref _cached);
        if (cached.Version == version)
        {
            return cached.Languages;
        }

        var languages = MultiFields.GetMergedFieldInfos(reader)
            .Select(f => FieldNames.StemLanguageOf(f.Name))
            .Where(l => l is not null)
            .Select(l => l!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Volatile.Write(ref _cached, new Entry(version, languages));
        return languages;
    }

    private sealed record Entry(long Version, IReadOnlyCollection<string> Languages);
}
