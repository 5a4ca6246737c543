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
        };
    }

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
