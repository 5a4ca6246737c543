using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Tests.Fixtures;

/// <summary>
/// A generated institution that is the same in every process and on every machine (its own linear congruential
/// generator, no <see cref="Random"/>, no hash codes): 24 manifests of word-level OCR, line-level transcriptions
/// with published ids, Japanese lines and dated, attributed comments, under a nested collection tree, indexed in
/// four commits (four segments). The pinned-answers test searches it.
/// </summary>
public static class PinnedInstitution
{
    public const string Base = "https://pinned.example.org/iiif";
    public const string TopCollectionUri = Base + "/collection/top";
    public const string NestedCollectionUri = Base + "/collection/nested";
    public const int Manifests = 24;
    public const int Commits = 4;

    private const int CanvasesPerManifest = 3;
    private const int LinesPerCanvas = 5;
    private const int WordsPerLine = 6;

    private static readonly string[] Vocabulary =
    [
        "the", "of", "and", "charter", "king", "in", "land", "to", "bird", "church", "given", "by", "birds", "charters",
        "granted", "abbey", "mill", "river", "witness", "seal", "kings", "lands", "mills", "rivers", "sealed", "witnesses",
        "bishop", "town", "market", "fair", "tithe", "manor", "court", "rolls", "café", "Zürich", "hand", "bush",
    ];

    private static readonly string[] Kanji = ["東京", "京都", "大学", "図書館", "歴史", "絵巻", "物語", "山川"];

    public static string ManifestUri(int n) => $"{Base}/{n}/manifest";

    /// <summary>Every resource, in the order they are indexed.</summary>
    public static IReadOnlyList<IndexedResource> All()
    {
        var resources = new List<IndexedResource>();
        for (var n = 0; n < Manifests; n++)
        {
            resources.Add(Manifest(n));
        }

        resources.Add(DemoInstitution.Indexed(TopCollectionUri, new PresentationResource
        {
            Id = TopCollectionUri,
            Kind = PresentationKind.Collection,
            Version = IiifVersion.V3,
            Label = DemoInstitution.Map("en", "Pinned top"),
            Members =
            [
                new CollectionMember { Id = ManifestUri(1), Kind = PresentationKind.Manifest },
                new CollectionMember { Id = ManifestUri(2), Kind = PresentationKind.Manifest },
                new CollectionMember { Id = NestedCollectionUri, Kind = PresentationKind.Collection },
            ],
            Languages = ["en"],
        }, [], []));
        resources.Add(DemoInstitution.Indexed(NestedCollectionUri, new PresentationResource
        {
            Id = NestedCollectionUri,
            Kind = PresentationKind.Collection,
            Version = IiifVersion.V2,
            Label = DemoInstitution.Map("en", "Pinned nested"),
            Languages = ["en"],
        }, [], [TopCollectionUri]));
        return resources;
    }

    /// <summary>Indexes <see cref="All"/> into <paramref name="index"/> in <see cref="Commits"/> commits.</summary>
    public static void IndexInto(ISearchIndex index) => IndexInto(index, All());

    /// <summary>Indexes <paramref name="all"/> (<see cref="All"/>, varied) into <paramref name="index"/> in <see cref="Commits"/> commits.</summary>
    public static void IndexInto(ISearchIndex index, IReadOnlyList<IndexedResource> all)
    {
        var perCommit = (all.Count + Commits - 1) / Commits;
        for (var c = 0; c < Commits; c++)
        {
            foreach (var resource in all.Skip(c * perCommit).Take(perCommit))
            {
                index.Upsert(resource);
            }

            index.Commit(c + 1);
        }
    }

    private static IndexedResource Manifest(int n)
    {
        var random = new Lcg((uint)(n * 7919 + 17));
        var uri = ManifestUri(n);
        var japanese = n % 6 == 5;
        var transcribed = n % 5 == 3;
        var canvases = Enumerable.Range(1, CanvasesPerManifest).Select(c => DemoInstitution.Canvas(uri, c)).ToArray();
        var annotations = new List<AnnotationRecord>();
        foreach (var canvas in canvases)
        {
            for (var l = 0; l < LinesPerCanvas; l++)
            {
                var y = 100 + l * 40;
                if (japanese)
                {
                    var text = string.Concat(Enumerable.Range(0, 5).Select(_ => Kanji[random.Next(Kanji.Length)]));
                    annotations.Add(DemoInstitution.Transcription(uri, canvas, $"{canvas[^1]}-{l}", text, "ja", new Region(0, y, 500, 30)));
                }
                else if (transcribed)
                {
                    annotations.Add(DemoInstitution.Transcription(uri, canvas, $"{canvas[^1]}-{l}", Line(random), "en", new Region(0, y, 700, 30)));
                }
                else
                {
                    annotations.Add(DemoInstitution.OcrLine(canvas, Line(random), 100, y));
                }
            }

            if (random.Next(4) == 0)
            {
                annotations.Add(new AnnotationRecord
                {
                    Id = $"{uri[..^"/manifest".Length]}/comment/{canvas[^1]}",
                    Text = "A note on the " + Vocabulary[random.Next(Vocabulary.Length)] + " and the " + Vocabulary[random.Next(Vocabulary.Length)],
                    Language = "en",
                    Motivation = "commenting",
                    CanvasId = canvas,
                    Region = new Region(10, 10, 50, 50),
                    ManifestId = uri,
                    Creator = n % 2 == 0 ? DemoInstitution.Commenter : "https://pinned.example.org/users/bob",
                    Created = new DateTimeOffset(2020 + n % 5, 1 + n % 12, 1 + n % 28, 0, 0, 0, TimeSpan.Zero),
                });
            }
        }

        // As the harvest records them: the nested collection (under the top one) lists every fourth manifest, the top
        // collection lists 1, 2 and 7.
        IReadOnlyList<string> parents = n % 4 == 0 ? [NestedCollectionUri] : n is 1 or 2 or 7 ? [TopCollectionUri] : [];
        IReadOnlyList<string> collections = n % 4 == 0 ? [NestedCollectionUri, TopCollectionUri] : parents;
        var language = japanese ? "ja" : "en";
        return DemoInstitution.Indexed(uri, DemoInstitution.Manifest(uri, $"Pinned volume {n}", language, canvases, "Pinned Library"), annotations, parents, collections);
    }

    private static string Line(Lcg random)
    {
        var text = new StringBuilder();
        for (var w = 0; w < WordsPerLine; w++)
        {
            if (w > 0)
            {
                text.Append(' ');
            }

            // Skewed towards the front of the vocabulary, as real text is.
            var a = random.Next(Vocabulary.Length);
            var b = random.Next(Vocabulary.Length);
            text.Append(Vocabulary[Math.Min(a, b)]);
        }

        return text.ToString();
    }

    /// <summary>Numerical Recipes' LCG: fixed here forever, unlike <see cref="Random"/>'s algorithm.</summary>
    private sealed class Lcg(uint seed)
    {
        private uint _state = seed;

        public int Next(int bound)
        {
            _state = unchecked((_state * 1664525) + 1013904223);
            return (int)((_state >> 8) % (uint)bound);
        }
    }
}
