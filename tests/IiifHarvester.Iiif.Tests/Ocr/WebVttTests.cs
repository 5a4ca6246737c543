using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Ocr;

/// <summary>WebVTT captions linked from audio and video canvases (cookbook recipes 0219 and 0074), read into timed records.</summary>
public sealed class WebVttTests
{
    private static readonly OcrTarget Canvas = new("https://example.org/canvas/1", null, null, "https://example.org/manifest") { Language = "en" };

    [Fact]
    public void Parse_Captions_OneRecordPerCueOnItsStretchWithoutMarkup()
    {
        // Shaped as clover-iiif's styled-captions fixture (a11_touchdown.vtt) and the WebVTT specification's examples:
        // a header with a title, numbered and unnumbered cues, bold speaker names, voice and class spans, a timestamp
        // tag, character references, cue settings, a cue over two lines, an hour's timestamps, CRLF line ends.
        var vtt = string.Join("\r\n",
            "\uFEFFWEBVTT - Apollo 11 touchdown",
            "Kind: captions",
            string.Empty,
            "1",
            "00:00:00.600 --> 00:00:02.329",
            "<b>Armstrong:</b> 413 is in.",
            string.Empty,
            string.Empty,
            "00:03.700 --> 00:05.171 align:start position:10%",
            "<v Aldrin>We&apos;ve had <c.loud>shutdown</c>.</v>",
            string.Empty,
            "intro-3",
            "01:00:05.172 --> 01:00:07.250",
            "<v.first Duke>We copy you down,",
            "<00:00:06.000>Eagle &amp; crew.&lrm;",
            string.Empty);

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(OcrFormat.WebVtt, outcome.Format);
        Assert.Equal(
            [
                ("Armstrong: 413 is in.", new TimeRange(0.6, 2.329)),
                ("We've had shutdown.", new TimeRange(3.7, 5.171)),
                ("We copy you down, Eagle & crew.", new TimeRange(3605.172, 3607.25)),
            ],
            outcome.Records.Select(r => (r.Text, r.Time!.Value)));
        Assert.All(outcome.Records, r => Assert.Equal(
            ("supplementing", "text/vtt", "en", "https://example.org/canvas/1", "https://example.org/manifest", (Region?)null),
            (r.Motivation, r.Format, r.Language, r.CanvasId, r.ManifestId, r.Region)));
        Assert.All(outcome.Records, r => Assert.Empty(r.Words));
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void Parse_NoteStyleAndRegionBlocks_AreNotCues()
    {
        var vtt = """
            WEBVTT

            STYLE
            ::cue { color: yellow; }

            REGION
            id:fred width:40%

            NOTE a comment
            spanning two lines

            00:00:01.000 --> 00:00:02.000
            real cue

            NOTE trailing
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas);

        Assert.Equal(["real cue"], outcome.Records.Select(r => r.Text));
    }

    [Fact]
    public void Parse_CueTimesOfCaptionsPlacedOnAStretch_AreMovedByItsStart()
    {
        var vtt = "WEBVTT\n\n00:00:01.500 --> 00:00:04.000\nzweite Hälfte\n";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas with { TimeOffset = 600 });

        Assert.Equal(new TimeRange(601.5, 604), Assert.Single(outcome.Records).Time);
    }

    [Fact]
    public void Parse_CuesWhoseTimingsCannotBeRead_AreSkippedAndCounted()
    {
        var vtt = string.Join('\n', "WEBVTT", string.Empty,
            "00:00:05.000 --> 00:00:04.000", "ends before it starts", string.Empty,
            "00:00:xx.000 --> 00:00:04.000", "not a time", string.Empty,
            "00:00:01.0 --> 00:00:02.0", "two digits short", string.Empty,
            "00:61.000 --> 00:62.000", "61 seconds", string.Empty,
            "00:00:06.000 --> 00:00:07.000", "kept");

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas);

        Assert.Equal(["kept"], outcome.Records.Select(r => r.Text));
        Assert.Equal("4 cues with timings that cannot be read (or that end before they start) were skipped", Assert.Single(outcome.Warnings));
    }

    [Fact]
    public void Parse_SubRipCommasInTimestamps_AreReadWithAWarning()
    {
        var vtt = "WEBVTT\n\n1\n00:01:02,500 --> 00:01:04,000\nmit Komma\n";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas);

        Assert.Equal(new TimeRange(62.5, 64), Assert.Single(outcome.Records).Time);
        Assert.Contains("comma", Assert.Single(outcome.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LanguageHeaderWhereTheLinkGivesNone_IsTheCuesLanguage()
    {
        var vtt = "WEBVTT\nKind: captions\nLanguage: it\n\n00:00:01.000 --> 00:00:02.000\nPer voi signore\n";

        var fromHeader = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas with { Language = null });
        var fromLink = OcrParser.Parse(Encoding.UTF8.GetBytes(vtt), OcrFormat.WebVtt, Canvas with { Language = "es" });

        Assert.Equal("it", Assert.Single(fromHeader.Records).Language);
        Assert.Equal("es", Assert.Single(fromLink.Records).Language);
    }

    [Theory]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nan SRT file\n")]
    [InlineData("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nx\n")]
    [InlineData("<html><body>captions</body></html>")]
    public void Parse_FileWithoutTheSignature_IsRejected(string content)
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(content), OcrFormat.WebVtt, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Equal("not WebVTT: the file does not begin with \"WEBVTT\"", outcome.Error);
    }

    [Fact]
    public void Sniff_WebVttSignature_IsWebVtt()
    {
        Assert.Equal(OcrFormat.WebVtt, OcrFormatSniffer.Sniff("\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nx"u8));
        Assert.Equal(OcrFormat.WebVtt, OcrParser.Parse("WEBVTT\n\n00:01.000 --> 00:02.000\nx"u8, Canvas).Format);
    }

    [Theory]
    [InlineData("text/vtt", "https://example.org/captions/1", OcrFormat.WebVtt)]
    [InlineData(null, "https://example.org/captions/1.vtt", OcrFormat.WebVtt)]
    [InlineData(null, "https://example.org/captions/1.VTT?download=1", OcrFormat.WebVtt)]
    [InlineData("text/plain", "https://example.org/captions/1.vtt", null)]
    [InlineData(null, "https://example.org/vtt/1", null)]
    public void Classify_CaptionLinks_AreWebVtt(string? format, string id, OcrFormat? expected) =>
        Assert.Equal(expected, OcrFormatSniffer.Classify(new LinkedResource { Id = id, Format = format }));

    [Fact]
    public void ParseManifest_CaptionsInAChoiceOfLanguagesOnAStretch_AreLinkedWithTheirLanguagesAndTime()
    {
        // Cookbook recipe 0074 (a Choice of an English and an Italian caption file) and recipe 0219 (a body list),
        // the second placed on a stretch of the canvas by a FragmentSelector.
        var json = """
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/m","type":"Manifest","label":{"en":["Film"]},
             "items":[{"id":"https://example.org/canvas","type":"Canvas","duration":3600,"width":640,"height":360,
               "items":[{"id":"https://example.org/canvas/page","type":"AnnotationPage","items":[{"id":"https://example.org/canvas/page/a","type":"Annotation","motivation":"painting",
                 "body":{"id":"https://example.org/film.mp4","type":"Video","format":"video/mp4","duration":3600},"target":"https://example.org/canvas"}]}],
               "annotations":[{"id":"https://example.org/canvas/captions","type":"AnnotationPage","items":[
                 {"id":"https://example.org/canvas/captions/1","type":"Annotation","motivation":"supplementing",
                  "body":{"type":"Choice","items":[
                    {"id":"https://example.org/film_en.vtt","type":"Text","format":"text/vtt","language":"en"},
                    {"id":"https://example.org/film_it.vtt","type":"Text","format":"text/vtt","language":"it"}]},
                  "target":"https://example.org/canvas"},
                 {"id":"https://example.org/canvas/captions/2","type":"Annotation","motivation":"supplementing",
                  "body":[{"id":"https://example.org/part2.vtt","type":"Text","format":"text/vtt","language":"en-GB"}],
                  "target":{"type":"SpecificResource","source":"https://example.org/canvas","selector":{"type":"FragmentSelector","value":"t=1800,3600"}}}]}]}]}
            """;

        var outcome = IiifParser.Parse(Encoding.UTF8.GetBytes(json));

        var manifest = Assert.IsType<PresentationResource>(outcome.Document);
        Assert.Equal(
            [
                new OcrReference("https://example.org/film_en.vtt", OcrFormat.WebVtt, "https://example.org/canvas", "en"),
                new OcrReference("https://example.org/film_it.vtt", OcrFormat.WebVtt, "https://example.org/canvas", "it"),
                new OcrReference("https://example.org/part2.vtt", OcrFormat.WebVtt, "https://example.org/canvas", "en-GB", new TimeRange(1800, 3600)),
            ],
            Assert.Single(manifest.Canvases).OcrReferences);
    }

    [Fact]
    public void ParsePage_CaptionsGivenWholeInABody_AreItsCuesOnTheTargetsStretch()
    {
        // As Europeana publishes captions: the WebVTT file itself as a TextualBody's value.
        var json = """
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/captions/page","type":"AnnotationPage","items":[
              {"id":"https://example.org/captions/1","type":"Annotation","motivation":"supplementing",
               "body":{"type":"TextualBody","format":"text/vtt","language":"de","value":"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGuten Tag\n\nNOTE eine Notiz\n\n00:00:03.000 --> 00:00:04.500\n<v Anna>zweite Zeile</v>\n"},
               "target":"https://example.org/canvas#t=10,20"}]}
            """;

        var outcome = IiifParser.Parse(Encoding.UTF8.GetBytes(json));

        var page = Assert.IsType<AnnotationContainer>(outcome.Document);
        Assert.Equal(
            [("Guten Tag", new TimeRange(11, 12)), ("zweite Zeile", new TimeRange(13, 14.5))],
            page.Annotations.Select(a => (a.Text, a.Time!.Value)));
        Assert.All(page.Annotations, a => Assert.Equal(("https://example.org/canvas", "de", "supplementing", "text/vtt"), (a.CanvasId, a.Language, a.Motivation, a.Format)));
    }
}
