using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// A generated institution: manifests of canvases of word-level OCR lines, words drawn from a Zipf-distributed
/// vocabulary (as real text is), one manifest in ten in Japanese.
/// </summary>
internal sealed class SyntheticInstitution
{
    public const int CanvasesPerManifest = 25;
    public const int LinesPerCanvas = 20;
    public const int WordsPerLine = 8;

    private static readonly string[] Syllables =
        ["ab", "ar", "be", "ca", "de", "do", "el", "en", "fa", "ge", "hi", "in", "ka", "la", "li", "ma", "mo", "na", "no", "or",
         "pa", "qu", "ra", "re", "sa", "se", "ta", "ti", "to", "um", "us", "ve", "vi"];

    /// <summary>Collections the text-rich manifests are in: manifest n names collection n % Collections as its parent.</summary>
    public const int Collections = 10;

    private static readonly string[] Providers =
        ["Bench Library", "Abbey Archive", "City Museum", "University Library", "State Archive", "Cathedral Library",
         "Map Room", "Music Collection", "Print Room", "Manuscripts Department", "Rare Books", "Photo Archive"];

    private static readonly string[] Languages = ["en", "fr", "de", "la", "it", "ja"];

    private static readonly string[] Rights =
        ["http://creativecommons.org/publicdomain/mark/1.0/", "http://creativecommons.org/licenses/by/4.0/",
         "http://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/NoC-NC/1.0/"];

    private const string Kanji = "東京都大学図書館歴史絵巻物語山川海空花鳥風月日本人文書記録寺社城町村家族春夏秋冬";

    private readonly double[] _cumulative;

    public SyntheticInstitution(int vocabularySize)
    {
        var random = new Random(42);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < vocabularySize)
        {
            var sb = new StringBuilder();
            var syllables = random.Next(2, 5);
            for (var i = 0; i < syllables; i++)
            {
                sb.Append(Syllables[random.Next(Syllables.Length)]);
            }

            words.Add(sb.ToString());
        }

        Vocabulary = [.. words];
        _cumulative = new double[vocabularySize];
        double total = 0;
        for (var r = 0; r < vocabularySize; r++)
        {
            total += 1.0 / (r + 1);
            _cumulative[r] = total;
        }

        for (var r = 0; r < vocabularySize; r++)
        {
            _cumulative[r] /= total;
        }
    }

    /// <summary>Words by rank (0 the most frequent).</summary>
    public string[] Vocabulary { get; }

    public static string ManifestUri(int n) => $"https://bench.example.org/iiif/{n}/manifest";

    public static string CollectionUri(int c) => $"https://bench.example.org/iiif/collection/{c}";

    public static string TopCollectionUri => "https://bench.example.org/iiif/collection/top";

    /// <summary>The top collection and its <see cref="Collections"/> sub-collections (which name it as parent).</summary>
    public static IEnumerable<IndexedResource> CollectionTree()
    {
        yield return Collection(TopCollectionUri, "All bench volumes", []);
        for (var c = 0; c < Collections; c++)
        {
            yield return Collection(CollectionUri(c), $"Bench series {c}", [TopCollectionUri]);
        }
    }

    /// <summary>
    /// A manifest with metadata and no text (the bulk of a union catalog): five sources, twelve providers, six
    /// languages, four rights statements, words in its label, summary and metadata.
    /// </summary>
    public IndexedResource CatalogManifest(int n)
    {
        var random = new Random(n);
        var uri = ManifestUri(n);
        var language = Languages[random.Next(Languages.Length)];
        var words = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Vocabulary[Sample(random)]));
        return new IndexedResource
        {
            Key = ResourceKey.For(uri),
            Uri = uri,
            SourceKey = "bench" + (n % 5),
            SourceName = "Bench Institution " + (n % 5),
            HarvestedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ChangeSequence = n + 1,
            ChangedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Resource = new PresentationResource
            {
                Id = uri,
                Kind = PresentationKind.Manifest,
                Version = IiifVersion.V3,
                Label = new LanguageMap([new(language, [$"Catalog volume {n} {words}"])]),
                Summary = new LanguageMap([new(language, [$"A volume of {words}, catalogued with its date and provenance."])]),
                Metadata =
                [
                    new MetadataEntry(new LanguageMap([new("en", ["Date"])]), new LanguageMap([new("none", [(1400 + random.Next(600)).ToString(System.Globalization.CultureInfo.InvariantCulture)])])),
                    new MetadataEntry(new LanguageMap([new("en", ["Subject"])]), new LanguageMap([new("en", [Vocabulary[Sample(random)]])])),
                ],
                Providers = [new Agent { Id = "https://bench.example.org/provider/" + (n % Providers.Length), Label = new LanguageMap([new("en", [Providers[random.Next(Providers.Length)]])]) }],
                Rights = Rights[random.Next(Rights.Length)],
                Languages = [language],
            },
        };
    }

    public IndexedResource Manifest(int n)
    {
        var random = new Random(n);
        var uri = ManifestUri(n);
        var japanese = n % 10 == 9;
        var canvases = new List<Canvas>();
        var annotations = new List<AnnotationRecord>(CanvasesPerManifest * LinesPerCanvas);
        for (var c = 0; c < CanvasesPerManifest; c++)
        {
            var canvasId = $"https://bench.example.org/iiif/{n}/canvas/{c}";
            canvases.Add(new Canvas { Id = canvasId, Width = 2000, Height = 3000 });
            for (var l = 0; l < LinesPerCanvas; l++)
            {
                annotations.Add(japanese ? JapaneseLine(random, canvasId, uri, l) : Line(random, canvasId, uri, l));
            }
        }

        var language = japanese ? "ja" : "en";
        return new IndexedResource
        {
            Key = ResourceKey.For(uri),
            Uri = uri,
            SourceKey = "bench",
            SourceName = "Bench Institution",
            HarvestedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ChangeSequence = n + 1,
            ChangedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Resource = new PresentationResource
            {
                Id = uri,
                Kind = PresentationKind.Manifest,
                Version = IiifVersion.V3,
                Label = new LanguageMap([new(language, [$"Volume {n}"])]),
                Canvases = canvases,
                Languages = [language],
            },
            Annotations = annotations,
            ParentCollections = [CollectionUri(n % Collections)],

            // As the harvest records them: its series, and the top collection that lists the series.
            Collections = [CollectionUri(n % Collections), TopCollectionUri],
        };
    }

    private static IndexedResource Collection(string uri, string label, IReadOnlyList<string> parents) => new()
    {
        Key = ResourceKey.For(uri),
        Uri = uri,
        SourceKey = "bench",
        SourceName = "Bench Institution",
        HarvestedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ChangeSequence = 0,
        ChangedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Resource = new PresentationResource
        {
            Id = uri,
            Kind = PresentationKind.Collection,
            Version = IiifVersion.V3,
            Label = new LanguageMap([new("en", [label])]),
            Languages = ["en"],
        },
        ParentCollections = parents,
    };

    private AnnotationRecord Line(Random random, string canvasId, string manifest, int line)
    {
        var text = new StringBuilder();
        var words = new List<WordBox>(WordsPerLine);
        var y = 100 + line * 40;
        for (var w = 0; w < WordsPerLine; w++)
        {
            if (w > 0)
            {
                text.Append(' ');
            }

            var word = Vocabulary[Sample(random)];
            words.Add(new WordBox(text.Length, word.Length, new Region(100 + text.Length * 18, y, word.Length * 18, 30)));
            text.Append(word);
        }

        return new AnnotationRecord
        {
            Text = text.ToString(),
            Language = "en",
            Motivation = "supplementing",
            CanvasId = canvasId,
            ManifestId = manifest,
            Region = new Region(100, y, text.Length * 18, 30),
            Words = words,
        };
    }

    private static AnnotationRecord JapaneseLine(Random random, string canvasId, string manifest, int line)
    {
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Kanji[random.Next(Kanji.Length)];
        }

        return new AnnotationRecord
        {
            Id = $"{manifest}/annotation/{canvasId.GetHashCode(StringComparison.Ordinal):x}-{line}",
            Text = new string(chars),
            Language = "ja",
            Motivation = "painting",
            CanvasId = canvasId,
            ManifestId = manifest,
            Region = new Region(100, 100 + line * 40, 800, 30),
        };
    }

    private int Sample(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
    }
}
