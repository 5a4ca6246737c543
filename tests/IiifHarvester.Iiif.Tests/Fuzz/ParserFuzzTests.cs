using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Inspection;
using IiifHarvester.Iiif.Ocr;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Iiif.Tests.Html;
using IiifHarvester.Iiif.Tests.Ocr;
using IiifHarvester.TestUtilities.Corpus;

namespace IiifHarvester.Iiif.Tests.Fuzz;

/// <summary>
/// Runs well over 10,000 mutated inputs through the parsers: none may throw. Every outcome is either a document
/// or a rejection with a reason.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int JsonInputs = 12_000;
    private const int OcrInputs = 3_000;
    private const int HtmlInputs = 3_000;

    [Fact]
    public void Parse_MutatedCorpusDocuments_NeverThrow()
    {
        var seeds = CorpusFiles.Valid().Concat(CorpusFiles.Invalid())
            .Select(CorpusFiles.Read)
            .Where(b => b.Length < 48 * 1024)
            .ToArray();
        Assert.True(seeds.Length > 200);
        var mutator = new JsonMutator(seed: 20_240_601);
        var options = new IiifParserOptions { DocumentUri = "https://example.org/fuzz/doc.json", MaxWarnings = 50 };
        int accepted = 0, rejected = 0;
        for (var i = 0; i < JsonInputs; i++)
        {
            var seed = seeds[i % seeds.Length];
            var input = (i % 3 == 0 ? null : mutator.MutateStructure(seed)) ?? mutator.MutateBytes(seed);
            ParseOutcome outcome;
            try
            {
                outcome = IiifParser.Parse(input, options);
                if (i % 16 == 0)
                {
                    _ = IiifInspector.ToJson(outcome);
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"input {i} (seed file #{i % seeds.Length}) threw {ex}\n{Encoding.UTF8.GetString(input)}");
                throw;
            }

            Assert.True(outcome.IsSuccess ^ (outcome.Error is not null));
            if (outcome.IsSuccess)
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        // Both paths were exercised: structure mutations mostly parse, byte mutations mostly do not.
        Assert.True(accepted > JsonInputs / 5, $"accepted {accepted}");
        Assert.True(rejected > JsonInputs / 10, $"rejected {rejected}");
    }

    [Fact]
    public void Parse_MutatedOcrFiles_NeverThrow()
    {
        var seeds = new[] { OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v3#", "pixel"), OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v2#", "mm10"), OcrSamples.Hocr(), PageXmlTests.Sample(), "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ann>Guten <b>Tag</b></v>\n\n00:02.500 --> 00:04.000\nzwei &amp; drei\n" }
            .Select(Encoding.UTF8.GetBytes)
            .ToArray();
        var mutator = new JsonMutator(seed: 77);
        var target = new OcrTarget("https://example.org/canvas/1", 1000, 1500, "https://example.org/manifest");
        int accepted = 0, rejected = 0;
        for (var i = 0; i < OcrInputs; i++)
        {
            var input = mutator.MutateBytes(seeds[i % seeds.Length]);
            var outcome = i % 2 == 0 ? OcrParser.Parse(input, target) : OcrParser.Parse(input, (OcrFormat)(i / 2 % 4), target);

            // A rejection has a reason and no records; an acceptance names its format and every record is a
            // non-empty supplementing line on the target, its word boxes inside its text.
            if (!outcome.IsSuccess)
            {
                rejected++;
                Assert.False(string.IsNullOrWhiteSpace(outcome.Error), $"input {i}");
                Assert.Empty(outcome.Records);
                continue;
            }

            accepted++;
            Assert.NotNull(outcome.Format);
            foreach (var record in outcome.Records)
            {
                Assert.False(string.IsNullOrWhiteSpace(record.Text), $"input {i}");
                Assert.Equal(("supplementing", target.CanvasId, target.ManifestId), (record.Motivation, record.CanvasId, record.ManifestId));
                Assert.All(record.Words, w => Assert.True(w.Start >= 0 && w.Length > 0 && w.Start + w.Length <= record.Text.Length, $"input {i}: word {w} in \"{record.Text}\""));
            }
        }

        // Both paths were exercised.
        Assert.True(accepted > OcrInputs / 10, $"accepted {accepted}");
        Assert.True(rejected > OcrInputs / 10, $"rejected {rejected}");
    }

    [Fact]
    public void Sanitize_RandomHostileMarkup_NeverThrowsAndNeverKeepsActiveContent()
    {
        string[] pieces =
        [
            "<script>", "</script>", "<b>", "</b>", "<i", " onerror=", "'x'", "\"", "<img src=", "javascript:alert(1)", "data:text/html,x",
            "<a href=", "jav&#x09;ascript:x", "&amp;", "&lt;", "&", ">", "<", "<!--", "-->", "<style>", "p{}", "</style>", "<p>", "<span", ">",
            "<svg onload=x>", "<iframe>", "text", " ", "<![CDATA[", "]]>", "<br/>", "<sup>", "<math>", "<table><tr><td>", "&#0;", "\u0000",
        ];
        var random = new Random(1234);
        for (var i = 0; i < HtmlInputs; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 30); n > 0; n--)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            var html = sb.ToString();
            var safe = HtmlText.Sanitize(html);
            _ = HtmlText.ToPlainText(html);
            _ = HtmlText.FindUnsafeMarkup(html);
            HtmlAssert.IsSafe(safe);
        }
    }
}
