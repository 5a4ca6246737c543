using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Inspection;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Parsing;

public sealed class IiifParserTests
{
    private const string V3 = "\"@context\": \"http://iiif.io/api/presentation/3/context.json\"";

    [Theory]
    // Presentation 3.0 §3.3.2: start is a Canvas, or a SpecificResource whose source is one (the cookbook's recipe
    // 0015 starts an audio canvas at a PointSelector's t; its own id is not the canvas's).
    [InlineData("""{"id":"https://e.org/c2","type":"Canvas"}""")]
    [InlineData("""{"id":"https://e.org/m/start/1","type":"SpecificResource","source":"https://e.org/c2","selector":{"type":"PointSelector","t":120.5}}""")]
    [InlineData("""{"id":"https://e.org/m/start/1","type":"SpecificResource","source":{"id":"https://e.org/c2","type":"Canvas"}}""")]
    [InlineData("""{"type":"SpecificResource","source":"https://e.org/c2#xywh=0,0,10,10"}""")]
    public void Parse_V3Start_NamesTheCanvasItStartsAt(string start)
    {
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://e.org/m","type":"Manifest",
             "label":{"en":["m"]},"start":{{start}},
             "items":[{"id":"https://e.org/c1","type":"Canvas","width":10,"height":10,"items":[]},
                      {"id":"https://e.org/c2","type":"Canvas","width":10,"height":10,"items":[]}]}
            """;

        var outcome = IiifParser.Parse(json);

        Assert.Equal("https://e.org/c2", ((PresentationResource)outcome.Document!).StartCanvas);
        Assert.DoesNotContain(outcome.Warnings, w => w.Contains("start", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1856-01-01T00:00:00Z", "1856-01-01T00:00:00Z", null)]
    [InlineData("1856-07-14T10:30:00+02:00", "1856-07-14T08:30:00Z", null)]
    // The Library of Congress's manifest 2017498721 (in Mirador's test fixtures): a colon before the T.
    [InlineData("1949-01-01:T00:00:00Z", "1949-01-01T00:00:00Z", "read as 1949-01-01")]
    [InlineData("1949", "1949-01-01T00:00:00Z", "read as 1949-01-01")]
    [InlineData("1949-06 (approx.)", "1949-06-01T00:00:00Z", "read as 1949-06-01")]
    [InlineData("circa 1949", null, "ignored")]
    [InlineData("19490", null, "ignored")]
    [InlineData("1949-02-30", null, "ignored")]
    [InlineData("0000-01-01", null, "ignored")]
    public void Parse_NavDate_ReadsXsdDateTimeAndTheDateBeforeABrokenTime(string navDate, string? expected, string? warning)
    {
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://e.org/m","type":"Manifest",
             "label":{"en":["m"]},"navDate":"{{navDate}}",
             "items":[{"id":"https://e.org/c1","type":"Canvas","width":10,"height":10,"items":[]}]}
            """;

        var outcome = IiifParser.Parse(json);

        var read = ((PresentationResource)outcome.Document!).NavDate;
        Assert.Equal(expected, read?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var warned = outcome.Warnings.Where(w => w.Contains("navDate", StringComparison.Ordinal)).ToList();
        if (warning is null)
        {
            Assert.Empty(warned);
        }
        else
        {
            Assert.Contains(warned, w => w.Contains(warning, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Parse_Utf8Bom_IsStripped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":{\"en\":[\"x\"]},\"items\":[]}")).ToArray();

        Assert.True(IiifParser.Parse(bytes).IsSuccess);
    }

    [Fact]
    public void Parse_OverSizeLimit_IsRejected()
    {
        var outcome = IiifParser.Parse(new byte[100], new IiifParserOptions { MaxBytes = 10 });

        Assert.Contains("over the limit of 10", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedTooDeep_IsRejectedWithReason()
    {
        var json = string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));

        var outcome = IiifParser.Parse(json);

        Assert.False(outcome.IsSuccess);
        Assert.Contains("depth", outcome.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_DeepRangesWithHighDepthLimit_AreCutNotOverflowed()
    {
        var sb = new StringBuilder("{" + V3 + ",\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":\"m\",\"items\":[],\"structures\":[");
        for (var i = 0; i < 2000; i++)
        {
            sb.Append("{\"id\":\"https://e.org/r").Append(i).Append("\",\"type\":\"Range\",\"items\":[");
        }

        sb.Append(string.Concat(Enumerable.Repeat("]}", 2000))).Append("]}");

        var outcome = IiifParser.Parse(sb.ToString(), new IiifParserOptions { MaxDepth = 10_000 });

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Contains(outcome.Warnings, w => w.Contains("ranges nest deeper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("eng", "en")]
    [InlineData("English", "en")]
    [InlineData("jp", "ja")]
    [InlineData("@none", "none")]
    [InlineData("unknown", "none")]
    [InlineData("en_us", "en-US")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("ger-DE", "de-DE")]
    [InlineData("Old Norse (runic)", "Old Norse (runic)")]
    public void Parse_LanguageMapKeys_AreNormalisedWhereSure(string key, string expected)
    {
        var json = "{" + V3 + ",\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":{\"" + key + "\":[\"v\"]},\"items\":[]}";

        var resource = (PresentationResource)IiifParser.Parse(json).Document!;

        Assert.Equal([expected], resource.Label.Languages);
    }

    [Fact]
    public void Parse_V2Values_BecomeLanguageMaps()
    {
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest",
             "label":[{"@value":"Titre","@language":"fr"},{"@value":"Title","@language":"en"},"Bare"],
             "metadata":[{"label":"Date","value":true},{"label":"Langs","value":[{"@value":"Eins","@language":"ger"}]}],
             "attribution":"<b>Library</b>","license":["https://creativecommons.org/publicdomain/mark/1.0/","http://other"],
             "logo":"https://e.org/logo.png","related":"https://e.org/page","within":"https://e.org/c",
             "service":{"@context":"http://iiif.io/api/search/0/context.json","@id":"https://e.org/s","profile":"http://iiif.io/api/search/0/search",
                        "service":{"@id":"https://e.org/a","profile":"http://iiif.io/api/search/0/autocomplete"}},
             "sequences":[{"viewingHint":"paged","startCanvas":"https://e.org/c1","canvases":[
               {"@id":"https://e.org/c1","@type":"sc:Canvas","label":"p1","width":"1000","height":1500,
                "images":[{"@type":"oa:Annotation","motivation":"sc:painting","on":"https://e.org/c1",
                  "resource":{"@id":"https://e.org/i/full/full/0/default.jpg","@type":"dctypes:Image",
                    "service":{"@context":"http://iiif.io/api/image/2/context.json","@id":"https://e.org/i","profile":["http://iiif.io/api/image/2/level1.json",{"formats":["png"]}]}}}],
                "seeAlso":{"@id":"https://e.org/alto/1.xml","format":"application/xml","profile":"http://www.loc.gov/standards/alto/v3/alto.xsd"},
                "otherContent":[{"@id":"https://e.org/list/1","@type":"sc:AnnotationList"},
                  {"@type":"sc:AnnotationList","resources":[{"@type":"oa:Annotation","motivation":"oad:transcribing",
                    "resource":{"@type":"cnt:ContentAsText","chars":"<p>Hello <i>world</i></p>","format":"text/html","language":"eng"},
                    "on":{"@type":"oa:SpecificResource","full":"https://e.org/c1","selector":{"@type":"oa:FragmentSelector","value":"xywh=10,20,30,40"}}}]}]}]}]}
            """;

        var outcome = IiifParser.Parse(json);
        var m = (PresentationResource)outcome.Document!;

        Assert.Equal(IiifVersion.V2, m.Version);
        Assert.Equal(["fr", "en", "none"], m.Label.Languages);
        Assert.Equal("true", m.Metadata[0].Value.GetValue());
        Assert.Equal("de", m.Metadata[1].Value.Languages.Single());
        Assert.Equal("<b>Library</b>", m.RequiredStatement!.Value.GetValue());
        Assert.Equal("https://creativecommons.org/publicdomain/mark/1.0/", m.Rights);
        Assert.Equal(2, m.Licenses.Count);
        Assert.Equal("https://e.org/logo.png", m.Providers.Single().Logo.Single().Id);
        Assert.Equal("https://e.org/page", m.Homepage.Single().Id);
        Assert.Equal("https://e.org/c", m.PartOf.Single().Id);
        Assert.Equal(["paged"], m.Behavior);
        Assert.Equal("https://e.org/c1", m.StartCanvas);
        var search = m.Services.Single();
        Assert.Equal(ServiceKind.Search, search.Kind);
        Assert.Equal(ServiceKind.Autocomplete, search.Services.Single().Kind);
        var canvas = m.Canvases.Single();
        Assert.Equal(1000, canvas.Width);
        Assert.Contains(outcome.Warnings, w => w.Contains("width is a string", StringComparison.Ordinal));
        Assert.Equal("http://iiif.io/api/image/2/level1.json", canvas.Images.Single().Service!.Profile);
        Assert.Equal(ServiceKind.Image, canvas.Images.Single().Service!.Kind);
        Assert.Equal("https://e.org/list/1", canvas.AnnotationReferences.Single().Id);
        Assert.Equal(new OcrReference("https://e.org/alto/1.xml", OcrFormat.Alto, "https://e.org/c1"), canvas.OcrReferences.Single());
        var annotation = m.Annotations.Single();
        Assert.Equal("Hello world", annotation.Text);
        Assert.Equal("en", annotation.Language);
        Assert.Equal("transcribing", annotation.Motivation);
        Assert.Equal("https://e.org/c1", annotation.CanvasId);
        Assert.Equal(new Region(10, 20, 30, 40), annotation.Region);
        Assert.Equal("https://e.org/m", annotation.ManifestId);
    }

    [Theory]
    [InlineData("\"https://e.org/c1#xywh=1,2,3,4\"", 1, 2, 3, 4)]
    [InlineData("{\"type\":\"SpecificResource\",\"source\":{\"id\":\"https://e.org/c1\",\"type\":\"Canvas\",\"partOf\":[{\"id\":\"https://e.org/m2\",\"type\":\"Manifest\"}]},\"selector\":{\"type\":\"PointSelector\",\"x\":5,\"y\":6}}", 5, 6, 0, 0)]
    [InlineData("{\"type\":\"SpecificResource\",\"source\":\"https://e.org/c1\",\"selector\":{\"type\":\"SvgSelector\",\"value\":\"<svg><path d='M10,10 l 20,0 L30,40 z'/></svg>\"}}", 10, 10, 20, 30)]
    [InlineData("{\"type\":\"SpecificResource\",\"source\":\"https://e.org/c1\",\"selector\":[{\"type\":\"FragmentSelector\",\"value\":\"t=5\"},{\"type\":\"FragmentSelector\",\"value\":\"xywh=pixel:7,8,9,10\"}]}", 7, 8, 9, 10)]
    [InlineData("{\"type\":\"SpecificResource\",\"source\":\"https://e.org/c1\",\"selector\":{\"type\":\"ImageApiSelector\",\"region\":\"1,1,2,2\"}}", 1, 1, 2, 2)]
    public void Parse_V3AnnotationTargets_GiveCanvasAndRegion(string target, double x, double y, double w, double h)
    {
        var json = "{\"@context\":\"http://iiif.io/api/presentation/3/context.json\",\"id\":\"https://e.org/page\",\"type\":\"AnnotationPage\",\"items\":[" +
            "{\"id\":\"https://e.org/a1\",\"type\":\"Annotation\",\"motivation\":[\"commenting\"],\"body\":{\"type\":\"TextualBody\",\"value\":\"note\",\"language\":\"en\"},\"target\":" + target + "}]}";

        var page = (AnnotationContainer)IiifParser.Parse(json).Document!;

        var record = page.Annotations.Single();
        Assert.Equal("https://e.org/c1", record.CanvasId);
        Assert.Equal(new Region(x, y, w, h), record.Region);
        Assert.Equal("commenting", record.Motivation);
    }

    [Fact]
    public void Parse_V2RenderingOnTheSequence_JoinsTheManifestsDownloadLinksOnce()
    {
        // As Wellcome publishes: the PDF hangs on the sequence; a link given on both levels is listed once.
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest","label":"m",
             "rendering":{"@id":"https://e.org/m.txt","format":"text/plain","label":"Text"},
             "sequences":[{"@type":"sc:Sequence",
               "rendering":[{"@id":"https://e.org/m.pdf","format":"application/pdf","label":"Download as PDF"},{"@id":"https://e.org/m.txt","format":"text/plain"}],
               "canvases":[{"@id":"https://e.org/c1","@type":"sc:Canvas","label":"1","width":1,"height":1},
                           {"@id":"https://e.org/c2","@type":"sc:Canvas","label":"2","width":1,"height":1}]}]}
            """;

        var manifest = (PresentationResource)IiifParser.Parse(json).Document!;

        Assert.Equal(["https://e.org/m.txt", "https://e.org/m.pdf"], manifest.Rendering.Select(r => r.Id));
        Assert.Equal("application/pdf", manifest.Rendering[1].Format);
    }

    [Fact]
    public void Parse_V2EmptySequences_IsAManifestWithoutCanvasesAndSaysSo()
    {
        // php-iiif-prezi-reader's fixtures (ubleipzig) have many; the warning said "the first sequence is a undefined".
        const string json = """{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest","label":"m","sequences":[]}""";

        var outcome = IiifParser.Parse(json);

        Assert.Empty(((PresentationResource)outcome.Document!).Canvases);
        Assert.Equal(["$: sequences is empty: the manifest has no canvases"], outcome.Warnings);
    }

    [Theory]
    [InlineData("\"http://iiif.io/api/presentation/4/context.json\"", true)]
    [InlineData("[\"http://example.org/x/context.json\",\"http://iiif.io/api/presentation/4/context.json\"]", true)]
    [InlineData("[\"http://iiif.io/api/presentation/4/context.json\",\"http://iiif.io/api/presentation/3/context.json\"]", false)]
    public void Parse_ManifestOfALaterPresentationVersion_IsReadAsPresentation3AndSaysSo(string context, bool warns)
    {
        // As IIIF/api's Presentation 4 examples publish one: id and type, a Scene among the items.
        var json = """{"@context":""" + context + ""","id":"https://e.org/m","type":"Manifest","label":{"en":["m"]},"items":[{"id":"https://e.org/s1","type":"Canvas","width":10,"height":10}]}""";

        var outcome = IiifParser.Parse(json);

        var manifest = (PresentationResource)outcome.Document!;
        Assert.Equal(IiifVersion.V3, manifest.Version);
        Assert.Equal("https://e.org/s1", manifest.Canvases.Single().Id);
        Assert.Equal(warns, outcome.Warnings.Any(w => w.Contains("a Presentation API version this reader does not know (http://iiif.io/api/presentation/4/context.json); read as Presentation 3", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"https://e.org/c1#t=702.0,705.0\"", null)] // cookbook recipe 0103's comment on a poetry reading
    [InlineData("{\"type\":\"SpecificResource\",\"source\":{\"id\":\"https://e.org/c1\",\"type\":\"Canvas\"},\"selector\":{\"type\":\"FragmentSelector\",\"conformsTo\":\"http://www.w3.org/TR/media-frags/\",\"value\":\"t=702,705\"}}", null)]
    [InlineData("{\"type\":\"SpecificResource\",\"source\":\"https://e.org/c1\",\"selector\":{\"type\":\"FragmentSelector\",\"value\":\"xywh=1,2,3,4\",\"refinedBy\":{\"type\":\"FragmentSelector\",\"value\":\"t=npt:11:42,11:45\"}}}", "1,2,3,4")]
    [InlineData("\"https://e.org/c1#xywh=1,2,3,4&t=702,705\"", "1,2,3,4")]
    public void Parse_AnnotationOnAStretchOfTime_KeepsTheStretch(string target, string? xywh)
    {
        var json = "{" + V3 + ",\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":{\"en\":[\"m\"]},\"items\":[{\"id\":\"https://e.org/c1\",\"type\":\"Canvas\",\"duration\":1800,\"items\":[]}],\"annotations\":[{\"id\":\"https://e.org/p1\",\"type\":\"AnnotationPage\",\"items\":[{\"id\":\"https://e.org/a1\",\"type\":\"Annotation\",\"motivation\":\"commenting\",\"body\":{\"type\":\"TextualBody\",\"value\":\"Soft laughter, rustling\"},\"target\":" + target + "}]}]}";

        var annotation = ((PresentationResource)IiifParser.Parse(json).Document!).Annotations.Single();

        Assert.Equal("https://e.org/c1", annotation.CanvasId);
        Assert.Equal(new TimeRange(702, 705), annotation.Time);
        Assert.Equal(xywh, annotation.Region?.ToXywh());
    }

    [Fact]
    public void Parse_V2AnnotationOnAStretchOfTime_KeepsTheStretch()
    {
        var json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/list","@type":"sc:AnnotationList",
             "resources":[{"@id":"https://e.org/a1","@type":"oa:Annotation","motivation":"sc:painting",
               "resource":{"@type":"cnt:ContentAsText","chars":"Soft laughter"},"on":"https://e.org/c1#t=npt:702,705"}]}
            """;

        var annotation = ((AnnotationContainer)IiifParser.Parse(json).Document!).Annotations.Single();

        Assert.Equal(new TimeRange(702, 705), annotation.Time);
        Assert.Null(annotation.Region);
    }

    [Fact]
    public void Parse_MetadataAsAnObjectOfNamedEntries_ReadsTheEntriesInOrder()
    {
        // As the Museum voor Schone Kunsten Gent's image hub publishes it (imagehub.mskgent.be, in tify's fixtures).
        var json = "{" + V3 + """
            ,"id":"https://e.org/m","type":"Manifest","label":{"en":["m"]},"items":[],
             "metadata":{"manifest_url":{"label":{"none":["IIIF manifest"]},"value":{"none":["https://e.org/m"]}},
                         "maker":{"label":{"en":["Maker"]},"value":{"en":["Jan van Eyck"]}}}}
            """;

        var outcome = IiifParser.Parse(json);

        var metadata = ((PresentationResource)outcome.Document!).Metadata;
        Assert.Equal(["IIIF manifest", "Maker"], metadata.Select(m => m.Label.GetValue()));
        Assert.Equal(["https://e.org/m", "Jan van Eyck"], metadata.Select(m => m.Value.GetValue()));
        Assert.Contains("$: metadata is an object of named entries, not an array; read as its entries", outcome.Warnings);
    }

    [Fact]
    public void Parse_MetadataAsOneEntry_ReadsItAndWarns()
    {
        var json = "{" + V3 + ""","id":"https://e.org/m","type":"Manifest","label":{"en":["m"]},"items":[],"metadata":{"label":{"en":["Maker"]},"value":{"en":["Jan van Eyck"]}}}""";

        var outcome = IiifParser.Parse(json);

        var entry = Assert.Single(((PresentationResource)outcome.Document!).Metadata);
        Assert.Equal(("Maker", "Jan van Eyck"), (entry.Label.GetValue(), entry.Value.GetValue()));
        Assert.Contains("$: metadata is not an array", outcome.Warnings);
    }

    [Fact]
    public void Parse_V2ImageSizeAsString_WarningPointsAtTheImageResource()
    {
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest","label":"m",
             "sequences":[{"canvases":[{"@id":"https://e.org/c1","@type":"sc:Canvas","label":"1","width":10,"height":10,
               "images":[{"@type":"oa:Annotation","motivation":"sc:painting","on":"https://e.org/c1",
                 "resource":{"@id":"https://e.org/i1.jpg","@type":"dctypes:Image","width":"10","height":10}}]}]}]}
            """;

        var outcome = IiifParser.Parse(json);

        Assert.Equal(10, ((PresentationResource)outcome.Document!).Canvases.Single().Images.Single().Width);
        Assert.Contains(outcome.Warnings, w => w.StartsWith("$.sequences[0].canvases[0].images[0].resource: width is a string", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_V2FlatRangesWithCycle_BuildTreeAndCutTheLoop()
    {
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest","label":"m",
             "sequences":[{"canvases":[{"@id":"https://e.org/c1","@type":"sc:Canvas","label":"1","width":1,"height":1}]}],
             "structures":[
               {"@id":"https://e.org/r0","@type":"sc:Range","label":"Top","viewingHint":"top","ranges":["https://e.org/r1"]},
               {"@id":"https://e.org/r1","@type":"sc:Range","label":"Ch 1","canvases":["https://e.org/c1#xywh=0,0,1,1"],"ranges":["https://e.org/r2"]},
               {"@id":"https://e.org/r2","@type":"sc:Range","label":"Loop","ranges":["https://e.org/r1"]}]}
            """;

        var outcome = IiifParser.Parse(json);
        var top = ((PresentationResource)outcome.Document!).Ranges.Single();

        Assert.Equal("https://e.org/r0", top.Id);
        Assert.Equal(["https://e.org/c1"], top.Ranges.Single().CanvasIds);
        Assert.Empty(top.Ranges.Single().Ranges.Single().Ranges);
        Assert.Contains(outcome.Warnings, w => w.Contains("loop was cut", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_V2NestedAndPagedCollections_ReadMembersAndPaging()
    {
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/top","@type":"sc:Collection","label":"Top",
             "total":3,"first":"https://e.org/top?page=1","next":{"@id":"https://e.org/top?page=2"},"startIndex":0,
             "collections":[{"@id":"https://e.org/sub","@type":"sc:Collection","label":"Sub",
               "manifests":[{"@id":"https://e.org/m1","@type":"sc:Manifest","label":"M1"},{"@id":"m2","label":"M2"}]}],
             "manifests":[{"@id":"https://e.org/m3","@type":"sc:Manifest","label":"M3"}]}
            """;

        var c = (PresentationResource)IiifParser.Parse(json).Document!;

        Assert.Equal(["https://e.org/sub", "https://e.org/m3"], c.Members.Select(m => m.Id));
        Assert.Equal(PresentationKind.Collection, c.Members[0].Kind);
        Assert.Equal(["https://e.org/m1", "https://e.org/m2"], c.Members[0].Members.Select(m => m.Id));
        Assert.Equal((3, "https://e.org/top?page=1", "https://e.org/top?page=2", 0), (c.Total, c.First, c.Next, c.StartIndex));
    }

    [Fact]
    public void Parse_SingleCanvasManifestWithManifestLevelHocr_AttributesItToTheCanvas()
    {
        var json = "{" + V3 + ",\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":{\"en\":[\"m\"]}," +
            "\"seeAlso\":[{\"id\":\"https://e.org/p.hocr\",\"type\":\"Text\",\"format\":\"text/vnd.hocr+html\"}]," +
            "\"items\":[{\"id\":\"https://e.org/c1\",\"type\":\"Canvas\",\"width\":10,\"height\":10}]}";

        var m = (PresentationResource)IiifParser.Parse(json).Document!;

        Assert.Equal(new OcrReference("https://e.org/p.hocr", OcrFormat.Hocr, "https://e.org/c1"), m.OcrReferences.Single());
    }

    [Fact]
    public void Parse_RelativeIds_ResolveAgainstTheDocumentId()
    {
        const string json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/iiif/m/manifest.json","@type":"sc:Manifest","label":"m",
             "sequences":[{"canvases":[{"@id":"canvas/1","@type":"sc:Canvas","label":"1","width":1,"height":1}]}]}
            """;

        var m = (PresentationResource)IiifParser.Parse(json).Document!;

        Assert.Equal("https://e.org/iiif/m/canvas/1", m.Canvases.Single().Id);
    }

    [Theory]
    [InlineData("[1,2]", "the JSON root is an array")]
    [InlineData("{\"type\":\"Manifest\",\"label\":\"x\"}", "Manifest has no id")]
    [InlineData("{\"id\":\"https://e.org/x\",\"type\":\"Person\"}", "not a IIIF document we harvest: type Person")]
    [InlineData("   ", "empty")]
    [InlineData("{\"id\": \"x\", ", "not JSON")]
    public void Parse_UnusableDocuments_AreRejectedWithAPreciseReason(string json, string reason)
    {
        var outcome = IiifParser.Parse(json);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8InsideAString_IsRejectedWithOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"https://e.org/m\",\"type\":\"Manifest\",\"label\":\"it?s\"}");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0x92;

        var outcome = IiifParser.Parse(bytes);

        Assert.Equal("not UTF-8: invalid byte 0x92 at offset 53", outcome.Error);
    }

    [Fact]
    public void Parse_V2RangesWithinOneParent_LinkEachChildOnce()
    {
        var ranges = string.Join(",", Enumerable.Range(0, 300).Select(i =>
            $$"""{"@id":"https://e.org/r{{i}}","@type":"sc:Range","label":"r{{i}}","within":["https://e.org/top","https://e.org/top"],"canvases":["https://e.org/c1#xywh=0,0,1,1"]}"""));
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://e.org/m","@type":"sc:Manifest","label":"m",
             "sequences":[{"canvases":[{"@id":"https://e.org/c1","@type":"sc:Canvas","label":"1","width":1,"height":1}]}],
             "structures":[{"@id":"https://e.org/top","@type":"sc:Range","label":"top","viewingHint":"top","ranges":["https://e.org/r0"]},{{ranges}}]}
            """;

        var outcome = IiifParser.Parse(json);

        Assert.True(outcome.IsSuccess, outcome.Error);
        var top = ((PresentationResource)outcome.Document!).Ranges.Single();
        Assert.Equal(300, top.Ranges.Count);
        Assert.Equal(300, top.Ranges.Select(r => r.Id).Distinct().Count());
        Assert.Equal("https://e.org/r0", top.Ranges[0].Id);
        Assert.All(top.Ranges, r => Assert.Equal(["https://e.org/c1"], r.CanvasIds));
    }

    [Fact]
    public void Parse_EscapedSolidusesAndLoneServices_ReadAsPublished()
    {
        var json = """
            {"@context":"http:\/\/iiif.io\/api\/presentation\/2\/context.json","@id":"https:\/\/e.org\/m","@type":"sc:Manifest","label":"m",
             "sequences":[{"canvases":[{"@id":"https:\/\/e.org\/c1","@type":"sc:Canvas","label":"1","width":10,"height":10,
               "seeAlso":{"@id":"https://e.org/alto/1.xml","format":"application\/xml","profile":"http:\/\/www.loc.gov\/standards\/alto\/v3\/alto.xsd"},
               "images":[{"@type":"oa:Annotation","motivation":"sc:painting","on":"https://e.org/c1",
                 "resource":{"@id":"https://e.org/i/1/full/full/0/default.jpg","@type":"dctypes:Image","format":"image\/jpeg",
                   "service":{"@context":"http:\/\/iiif.io\/api\/image\/2\/context.json","@id":"https://e.org/i/1","profile":"http:\/\/iiif.io\/api\/image\/2\/level1.json",
                     "service":{"@context":"http://iiif.io/api/auth/1/context.json","@id":"https://e.org/auth","profile":"http://iiif.io/api/auth/1/login"}}}}]}]}]}
            """;

        var outcome = IiifParser.Parse(json);

        Assert.True(outcome.IsSuccess, outcome.Error);
        var canvas = ((PresentationResource)outcome.Document!).Canvases.Single();
        Assert.Equal("https://e.org/c1", canvas.Id);
        var image = canvas.Images.Single();
        Assert.Equal("image/jpeg", image.Format);
        Assert.Equal("http://iiif.io/api/image/2/context.json", image.Service!.Context);
        Assert.Equal("http://iiif.io/api/image/2/level1.json", image.Service.Profile);
        Assert.Equal(ServiceKind.Image, image.Service.Kind);
        Assert.Equal(ServiceKind.Auth, image.Service.Services.Single().Kind);
        var alto = canvas.SeeAlso.Single();
        Assert.Equal("application/xml", alto.Format);
        Assert.Equal("http://www.loc.gov/standards/alto/v3/alto.xsd", alto.Profile);
        Assert.Equal(OcrFormat.Alto, canvas.OcrReferences.Single().Format);
    }

    [Fact]
    public void Parse_V3LinkWithServiceObjectAndServices_KeepsBothAndWarns()
    {
        var json = """
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://e.org/m","type":"Manifest","label":{"en":["m"]},"items":[],
             "seeAlso":[{"id":"https://e.org/data","type":"Dataset","profile":"https://e.org/p","dcterms:conformsTo":"https://e.org/c",
               "service":{"id":"https://e.org/s1","type":"SearchService1"},"services":[{"id":"https://e.org/s2","type":"AuthProbeService2"}]},
               {"id":"https://e.org/other","dcterms:conformsTo":"https://e.org/conforms"}]}
            """;

        var outcome = IiifParser.Parse(json);

        Assert.True(outcome.IsSuccess, outcome.Error);
        var links = ((PresentationResource)outcome.Document!).SeeAlso;
        Assert.Equal(["https://e.org/s1", "https://e.org/s2"], links[0].Services.Select(s => s.Id));
        Assert.Equal("https://e.org/p", links[0].Profile);
        Assert.Equal("https://e.org/conforms", links[1].Profile);
        Assert.Contains(outcome.Warnings, w => w.Contains("service is a single object", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MemoryOverload_GivesTheSpanOverloadsOutcome()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(
            "{\"@context\":\"http://iiif.io/api/presentation/2/context.json\",\"@id\":\"m.json\",\"@type\":\"sc:Manifest\",\"label\":\"x\",\"sequences\":[{\"canvases\":[{\"@id\":\"c1\",\"label\":\"1\"}]}]}")).ToArray();
        var options = new IiifParserOptions { DocumentUri = "https://e.org/iiif/m.json" };

        var fromMemory = IiifParser.Parse(bytes.AsMemory(), options);
        var fromSpan = IiifParser.Parse(bytes.AsSpan(), options);

        Assert.True(fromMemory.IsSuccess, fromMemory.Error);
        Assert.Equal(fromSpan.Warnings, fromMemory.Warnings);
        // The whole outcome, document included (type, ids, labels, canvases), serialised alike.
        Assert.Equal(IiifInspector.ToJson(fromSpan), IiifInspector.ToJson(fromMemory));
        Assert.Equal("https://e.org/iiif/c1", ((PresentationResource)fromMemory.Document!).Canvases.Single().Id);
        Assert.Equal(IiifParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF }.AsSpan()).Error, IiifParser.Parse(new byte[] { 0xEF, 0xBB, 0xBF }.AsMemory()).Error);
        Assert.StartsWith("not JSON", IiifParser.Parse("{\"a\":"u8.ToArray().AsMemory()).Error, StringComparison.Ordinal);
    }
}
