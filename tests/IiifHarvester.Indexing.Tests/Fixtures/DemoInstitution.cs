using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing;

namespace IiifHarvester.Indexing.Tests.Fixtures;

/// <summary>
/// A small demo institution: an English book with word-level OCR, a Japanese scroll and a Chinese book with
/// line-level transcriptions (published annotation ids), a commented manifest, and nested collections.
/// </summary>
public static class DemoInstitution
{
    public const string Source = "demo";
    public const string Base = "https://demo.example.org/iiif";
    public const string BookUri = Base + "/book/manifest";
    public const string ScrollUri = Base + "/scroll/manifest";
    public const string ChineseUri = Base + "/chinese/manifest";
    public const string TopCollectionUri = Base + "/collection/top";
    public const string AsiaCollectionUri = Base + "/collection/asia";
    public const string Commenter = "https://demo.example.org/users/ada";

    public static readonly DateTimeOffset Harvested = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static IReadOnlyList<IndexedResource> All() => [Book(), Scroll(), Chinese(), TopCollection(), AsiaCollection()];

    public static string Canvas(string manifest, int n) => manifest.Replace("/manifest", $"/canvas/{n}", StringComparison.Ordinal);

    /// <summary>An English book with word-level OCR (word boxes) on two pages and a dated, attributed comment.</summary>
    public static IndexedResource Book()
    {
        var c1 = Canvas(BookUri, 1);
        var c2 = Canvas(BookUri, 2);
        var annotations = new List<AnnotationRecord>
        {
            OcrLine(c1, "A bird in the hand", 100, 100),
            OcrLine(c1, "is worth two in the bush.", 100, 140),
            OcrLine(c2, "There are two birds in the bush", 100, 100),
            OcrLine(c2, "Le café de la gare à Zürich", 100, 140),
            new()
            {
                Id = Base + "/book/annotation/comment-1",
                Text = "A lovely bird drawing",
                Language = "en",
                Motivation = "commenting",
                CanvasId = c2,
                Region = new Region(10, 10, 50, 50),
                ManifestId = BookUri,
                Creator = Commenter,
                Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
            },
        };
        return Indexed(BookUri, Manifest(BookUri, "A Book of Birds", "en", [c1, c2], "Demo Library", navDate: new DateTimeOffset(1850, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            annotations, [TopCollectionUri]);
    }

    /// <summary>A Japanese scroll: line-level transcriptions with published ids, no word boxes.</summary>
    public static IndexedResource Scroll()
    {
        var c1 = Canvas(ScrollUri, 1);
        var annotations = new List<AnnotationRecord>
        {
            Transcription(ScrollUri, c1, "line-1", "東京都の歴史について", "ja", new Region(0, 0, 500, 40)),
            Transcription(ScrollUri, c1, "line-2", "京都大学図書館所蔵の絵巻", "ja", new Region(0, 50, 500, 40)),
            Transcription(ScrollUri, c1, "line-3", "カタカナとひらがなが混ざる", "ja", new Region(0, 100, 500, 40)),
        };
        return Indexed(ScrollUri, Manifest(ScrollUri, "東京の絵巻", "ja", [c1], "Demo Museum"), annotations, [AsiaCollectionUri], [AsiaCollectionUri, TopCollectionUri]);
    }

    /// <summary>A Chinese book with mixed-script text.</summary>
    public static IndexedResource Chinese()
    {
        var c1 = Canvas(ChineseUri, 1);
        var annotations = new List<AnnotationRecord>
        {
            Transcription(ChineseUri, c1, "line-1", "北京大学Peking University藏书", "zh", new Region(0, 0, 600, 40)),
            Transcription(ChineseUri, c1, "line-2", "中华人民共和国", "zh", new Region(0, 50, 600, 40)),
        };
        return Indexed(ChineseUri, Manifest(ChineseUri, "北京大学藏书", "zh", [c1], "Demo Museum"), annotations, [AsiaCollectionUri], [AsiaCollectionUri, TopCollectionUri]);
    }

    public static IndexedResource TopCollection() => Indexed(TopCollectionUri, new PresentationResource
    {
        Id = TopCollectionUri,
        Kind = PresentationKind.Collection,
        Version = IiifVersion.V3,
        Label = Map("en", "Everything"),
        Members =
        [
            new CollectionMember { Id = BookUri, Kind = PresentationKind.Manifest },
            new CollectionMember { Id = AsiaCollectionUri, Kind = PresentationKind.Collection },
        ],
        Languages = ["en"],
    }, [], []);

    public static IndexedResource AsiaCollection() => Indexed(AsiaCollectionUri, new PresentationResource
    {
        Id = AsiaCollectionUri,
        Kind = PresentationKind.Collection,
        Version = IiifVersion.V2,
        Label = Map("en", "Asia"),
        Languages = ["en"],
    }, [], [TopCollectionUri]);

    /// <summary>A resource as the harvest indexes it: <paramref name="parents"/> list it, <paramref name="collections"/> (default: the parents) hold it at any depth.</summary>
    public static IndexedResource Indexed(
        string uri, PresentationResource resource, IReadOnlyList<AnnotationRecord> annotations, IReadOnlyList<string> parents, IReadOnlyList<string>? collections = null) => new()
    {
        Key = ResourceKey.For(uri),
        Uri = uri,
        SourceKey = Source,
        SourceName = "Demo Institution",
        Resource = resource,
        Annotations = annotations,
        HarvestedAt = Harvested,
        ChangeSequence = 1,
        ChangedAt = Harvested,
        ParentCollections = parents,
        Collections = collections ?? parents,
    };

    public static PresentationResource Manifest(string uri, string label, string language, IReadOnlyList<string> canvases, string provider, DateTimeOffset? navDate = null) => new()
    {
        Id = uri,
        Kind = PresentationKind.Manifest,
        Version = IiifVersion.V3,
        Label = Map(language, label),
        Summary = Map(language, label + " (summary)"),
        Metadata = [new MetadataEntry(Map("en", "Date"), Map("none", "1850"))],
        Rights = "http://creativecommons.org/publicdomain/mark/1.0/",
        Providers = [new Agent { Id = "https://demo.example.org/" + provider.Replace(' ', '-'), Label = Map("en", provider) }],
        NavDate = navDate,
        Canvases = canvases.Select(c => new Canvas { Id = c, Width = 1000, Height = 1500 }).ToList(),
        Languages = [language],
    };

    public static LanguageMap Map(string language, string value) => new([new(language, [value])]);

    /// <summary>An OCR line with one word box per space-separated word: 10 units per character, 20 high.</summary>
    public static AnnotationRecord OcrLine(string canvas, string text, double x, double y)
    {
        var words = new List<WordBox>();
        var start = 0;
        foreach (var word in text.Split(' '))
        {
            words.Add(new WordBox(start, word.Length, new Region(x + start * 10, y, word.Length * 10, 20)));
            start += word.Length + 1;
        }

        return new AnnotationRecord
        {
            Text = text,
            Language = "en",
            Motivation = "supplementing",
            CanvasId = canvas,
            Region = new Region(x, y, text.Length * 10, 20),
            ManifestId = canvas[..canvas.IndexOf("/canvas/", StringComparison.Ordinal)] + "/manifest",
            Words = words,
        };
    }

    public static AnnotationRecord Transcription(string manifest, string canvas, string id, string text, string language, Region region) => new()
    {
        Id = manifest.Replace("/manifest", "/annotation/" + id, StringComparison.Ordinal),
        Text = text,
        Language = language,
        Motivation = "painting",
        CanvasId = canvas,
        Region = region,
        ManifestId = manifest,
    };
}
