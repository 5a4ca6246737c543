using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;

namespace IiifHarvester.Iiif.Tests.Ocr;

/// <summary>
/// PAGE XML, in the shapes its writers give it: word-level ground truth as OCR-D publishes it (kant_aufklaerung_1784),
/// line-level HTR as eScriptorium and Transkribus export it, tables, reading orders, and the 2010 schema's points.
/// The page is 2000x3000 and the canvas 1000x1500, so every coordinate is halved.
/// </summary>
public sealed class PageXmlTests
{
    private const string Ns2019 = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    private static readonly OcrTarget Canvas = new("https://example.org/canvas/1", 1000, 1500, "https://example.org/manifest");

    [Fact]
    public void Parse_WordLevelPage_OneRecordPerLineWithItsWordsBoxesScaledToTheCanvas()
    {
        // As OCR-D's ground truth: a prefix, polygons (the second word's points run backwards), a line TextEquiv
        // after its words, and the region's own TextEquiv, which repeats the lines.
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <pc:PcGts xmlns:pc="{Ns2019}">
              <pc:Metadata><pc:Creator>OCR-D</pc:Creator></pc:Metadata>
              <pc:Page imageFilename="INPUT_0017.tif" imageWidth="2000" imageHeight="3000">
                <pc:TextRegion id="r1" primaryLanguage="German">
                  <pc:Coords points="100,200 900,200 900,260 100,260"/>
                  <pc:TextLine id="l1">
                    <pc:Coords points="100,200 900,200 900,250 100,250"/>
                    <pc:Baseline points="100,240 900,240"/>
                    <pc:Word id="w1">
                      <pc:Coords points="100,200 400,200 400,250 100,250"/>
                      <pc:TextEquiv><pc:Unicode>Berliniſche</pc:Unicode></pc:TextEquiv>
                    </pc:Word>
                    <pc:Word id="w2">
                      <pc:Coords points="900,250 450,250 450,204 700,200 900,210"/>
                      <pc:TextEquiv conf="0.9"><pc:Unicode>Monatsſchrift.</pc:Unicode></pc:TextEquiv>
                    </pc:Word>
                    <pc:TextEquiv><pc:Unicode>Berliniſche Monatsſchrift.</pc:Unicode></pc:TextEquiv>
                  </pc:TextLine>
                  <pc:TextLine id="l2" primaryLanguage="Latin">
                    <pc:Coords points="100,300 600,300 600,350 100,350"/>
                    <pc:Word id="w3">
                      <pc:Coords points="100,300 600,300 600,350 100,350"/>
                      <pc:TextEquiv><pc:Unicode>Sapere &amp; aude</pc:Unicode></pc:TextEquiv>
                    </pc:Word>
                  </pc:TextLine>
                  <pc:TextEquiv><pc:Unicode>Berliniſche Monatsſchrift.
            Sapere &amp; aude</pc:Unicode></pc:TextEquiv>
                </pc:TextRegion>
              </pc:Page>
            </pc:PcGts>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(OcrFormat.PageXml, outcome.Format);
        Assert.Equal((2000d, 3000d), outcome.PageSize);
        Assert.Equal(2, outcome.Records.Count);
        var line = outcome.Records[0];
        Assert.Equal("Berliniſche Monatsſchrift.", line.Text);
        Assert.Equal("supplementing", line.Motivation);
        Assert.Equal("https://example.org/canvas/1", line.CanvasId);
        Assert.Equal("https://example.org/manifest", line.ManifestId);
        Assert.Equal("de", line.Language);
        Assert.Equal(new Region(50, 100, 400, 25), line.Region);
        Assert.Equal([new WordBox(0, 11, new Region(50, 100, 150, 25)), new WordBox(12, 14, new Region(225, 100, 225, 25))], line.Words);
        Assert.Equal("Sapere & aude", outcome.Records[1].Text);
        Assert.Equal("la", outcome.Records[1].Language);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void Parse_LineLevelHtr_TheLinesTextWithoutWordBoxesAndTheLinesBox()
    {
        // As eScriptorium exports it: lines with a polygon, a baseline and a TextEquiv; no words.
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"  standalone="yes"?>
            <PcGts xmlns="{Ns2019}">
              <Metadata><Creator>escriptorium</Creator></Metadata>
              <Page imageFilename="10_0305b_default.jpg" imageWidth="2000" imageHeight="3000">
                <TextRegion id="eSc_textblock_1">
                  <Coords points="60,174 1442,174 1442,2390 60,2390"/>
                  <TextLine id="eSc_line_1">
                    <Coords points="67,195 65,150 1429,147 1431,200 1429,224 143,224"/>
                    <Baseline points="67,195 1431,200"/>
                    <TextEquiv>
                      <Unicode>nen ſichtbaren  Form, Chriſtus</Unicode>
                    </TextEquiv>
                  </TextLine>
                  <TextLine id="eSc_line_2">
                    <Coords points="65,250 65,204 1431,208 1431,250"/>
                    <TextEquiv><Unicode></Unicode></TextEquiv>
                  </TextLine>
                </TextRegion>
              </Page>
            </PcGts>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        var line = Assert.Single(outcome.Records);
        Assert.Equal("nen ſichtbaren Form, Chriſtus", line.Text);
        Assert.Empty(line.Words);
        Assert.Equal(new Region(32.5, 73.5, 683, 38.5), line.Region);
        Assert.Null(line.Language);
    }

    [Fact]
    public void Parse_ReadingOrder_LinesFollowItThroughNestedGroupsAndUnnamedRegionsComeLast()
    {
        // The document holds the regions as: note, second, first, nested (a region inside the caption), caption. The
        // order's top group lists first (index 0), then a nested ordered group (index 1) whose members are given out of
        // order: caption at index 1, second at index 0. The note is named nowhere.
        var xml = $"""
            <PcGts xmlns="{Ns2019}">
              <Page imageWidth="2000" imageHeight="3000">
                <ReadingOrder>
                  <OrderedGroup id="ro">
                    <OrderedGroupIndexed id="g" index="1">
                      <RegionRefIndexed index="1" regionRef="caption"/>
                      <RegionRefIndexed index="0" regionRef="second"/>
                    </OrderedGroupIndexed>
                    <RegionRefIndexed index="0" regionRef="first"/>
                  </OrderedGroup>
                </ReadingOrder>
                {Region("note", "marginal note")}
                {Region("second", "second words")}
                {Region("first", "first words")}
                <TableRegion id="caption">
                  <Coords points="0,0 10,0 10,10"/>
                  <TextRegion id="inner">{Line("in the caption")}</TextRegion>
                  <TableCell row="0" col="0" id="cell">{Line("in a cell")}</TableCell>
                </TableRegion>
              </Page>
            </PcGts>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(["first words", "second words", "in the caption", "in a cell", "marginal note"], outcome.Records.Select(r => r.Text));
    }

    [Fact]
    public void Parse_SeveralTextEquivs_TheOneOfLowestIndexIsTheText()
    {
        var xml = $"""
            <PcGts xmlns="{Ns2019}">
              <Page imageWidth="2000" imageHeight="3000">
                <TextRegion id="r">
                  <TextLine id="l1">
                    <Coords points="100,200 900,200 900,250 100,250"/>
                    <TextEquiv index="2" conf="0.4"><Unicode>Wundcr</Unicode></TextEquiv>
                    <TextEquiv index="1" conf="0.9"><Unicode>Wunder</Unicode></TextEquiv>
                    <TextEquiv index="3"><Unicode>Wnnder</Unicode></TextEquiv>
                  </TextLine>
                </TextRegion>
              </Page>
            </PcGts>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.Equal("Wunder", Assert.Single(outcome.Records).Text);
    }

    [Fact]
    public void Parse_WordsOneOfWhichHasNoText_TheLinesTextIsTakenBoxedByTheLine()
    {
        // A segmentation tool added word polygons but only the line was transcribed: the words would lose text.
        var xml = $"""
            <PcGts xmlns="{Ns2019}">
              <Page imageWidth="2000" imageHeight="3000">
                <TextRegion id="r">
                  <TextLine id="l1">
                    <Coords points="100,200 900,200 900,250 100,250"/>
                    <Word id="w1"><Coords points="100,200 400,200 400,250"/><TextEquiv><Unicode>Wunder</Unicode></TextEquiv></Word>
                    <Word id="w2"><Coords points="450,200 900,200 900,250"/></Word>
                    <TextEquiv><Unicode>Wunder der Vererbung</Unicode></TextEquiv>
                  </TextLine>
                </TextRegion>
              </Page>
            </PcGts>
            """;

        var line = Assert.Single(OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas).Records);

        Assert.Equal("Wunder der Vererbung", line.Text);
        Assert.Empty(line.Words);
        Assert.Equal(new Region(50, 100, 400, 25), line.Region);
    }

    [Fact]
    public void Parse_2010SchemaWithPointElements_ReadsTheirBoundingBoxes()
    {
        var xml = """
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2010-01-12">
              <Page imageFilename="p.tif" imageWidth="2000" imageHeight="3000">
                <TextRegion id="r1">
                  <Coords><Point x="100" y="200"/><Point x="900" y="200"/><Point x="900" y="250"/><Point x="100" y="250"/></Coords>
                  <TextLine id="l1">
                    <Coords><Point x="100" y="200"/><Point x="900" y="200"/><Point x="900" y="250"/><Point x="100" y="250"/></Coords>
                    <Word id="w1">
                      <Coords><Point x="100" y="200"/><Point x="400" y="250"/></Coords>
                      <TextEquiv><Unicode>Alte</Unicode></TextEquiv>
                    </Word>
                    <Word id="w2">
                      <Coords><Point x="450" y="200"/><Point x="-5" y="250"/><Point x="x" y="1"/></Coords>
                      <TextEquiv><Unicode>Punkte</Unicode></TextEquiv>
                    </Word>
                  </TextLine>
                </TextRegion>
              </Page>
            </PcGts>
            """;

        var line = Assert.Single(OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas).Records);

        Assert.Equal("Alte Punkte", line.Text);
        Assert.Equal(new Region(50, 100, 400, 25), line.Region);
        Assert.Equal([new WordBox(0, 4, new Region(50, 100, 150, 25)), new WordBox(5, 6, new Region(0, 100, 225, 25))], line.Words);
    }

    [Fact]
    public void Parse_PageWithoutImageSizeOnASizedCanvas_KeepsPixelsAndWarns()
    {
        var xml = $"""<PcGts xmlns="{Ns2019}"><Page imageFilename="p.tif"><TextRegion id="r">{Line("ohne Größe")}</TextRegion></Page></PcGts>""";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.Equal(new Region(100, 200, 800, 50), Assert.Single(outcome.Records).Region);
        Assert.Null(outcome.PageSize);
        Assert.Contains(outcome.Warnings, w => w.Contains("page size is not given", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_PageCutOffMidway_KeepsTheLinesBeforeWithWarning()
    {
        var xml = $"""<PcGts xmlns="{Ns2019}"><Page imageWidth="2000" imageHeight="3000"><TextRegion id="r">{Line("erste Zeile")}{Line("zweite Zeile")}""";
        var cut = xml[..(xml.LastIndexOf("<TextLine", StringComparison.Ordinal) + 15)];

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(cut), OcrFormat.PageXml, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("erste Zeile", Assert.Single(outcome.Records).Text);
        Assert.Contains(outcome.Warnings, w => w.Contains("breaks off", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_PageWithAnExternalEntity_NeverResolvesIt()
    {
        // The second line's text names an entity that only an external DTD (a temp file, loaded through a parameter
        // entity) declares. Were external resources read, that line's text would be the marker. They are not: the DTD
        // is skipped, the entity is undeclared, and the XML breaks off after the first line.
        const string Marker = "XXEMARKER8";
        var dtd = Path.Combine(Path.GetTempPath(), $"page-xxe-{Guid.NewGuid():N}.dtd");
        File.WriteAllText(dtd, $"<!ENTITY xxe \"{Marker}\">");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE PcGts [<!ENTITY % ext SYSTEM "{new Uri(dtd).AbsoluteUri}"> %ext;]>
                <PcGts xmlns="{Ns2019}"><Page imageWidth="2000" imageHeight="3000"><TextRegion id="r">{Line("erste")}{Line("&xxe;")}</TextRegion></Page></PcGts>
                """;

            var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

            Assert.DoesNotContain(outcome.Records, r => r.Text.Contains(Marker, StringComparison.Ordinal));
            Assert.True(outcome.IsSuccess, outcome.Error);
            Assert.Equal("erste", Assert.Single(outcome.Records).Text);
            Assert.Contains(outcome.Warnings, w => w.Contains("breaks off", StringComparison.Ordinal) && w.Contains("xxe", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(dtd);
        }
    }

    [Fact]
    public void Parse_PageNestedTooDeep_IsRejected()
    {
        var xml = $"<PcGts xmlns=\"{Ns2019}\"><Page>" + string.Concat(Enumerable.Repeat("<TextRegion>", 300)) + "x";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.PageXml, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Contains("nests deeper than 256", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><body>hello</body></html>", "not PAGE XML: the root element is <html>")]
    [InlineData("<PcGts xmlns='x'><Page", "not well-formed XML")]
    public void Parse_NotPageXml_IsRejectedWithReason(string content, string reason)
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(content), OcrFormat.PageXml, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AltoLinkedAsPageXml_IsReadAsAltoWithAWarning()
    {
        var alto = """<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="2000" HEIGHT="3000"><PrintSpace><TextBlock><TextLine><String CONTENT="Alto" HPOS="100" VPOS="200" WIDTH="300" HEIGHT="50"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>""";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(alto), OcrFormat.PageXml, Canvas);

        Assert.Equal(OcrFormat.Alto, outcome.Format);
        Assert.Equal("Alto", Assert.Single(outcome.Records).Text);
        Assert.Equal("linked as PAGE XML but the file is ALTO; read as ALTO", outcome.Warnings[0]);
    }

    [Fact]
    public void Parse_PageXmlLinkedAsAlto_IsReadAsPageXmlWithAWarning()
    {
        var xml = $"""<?xml version="1.0"?><!-- exported --><pc:PcGts xmlns:pc="{Ns2019}"><pc:Page imageWidth="2000" imageHeight="3000"><pc:TextRegion id="r">{Line("falsch verlinkt", "pc:")}</pc:TextRegion></pc:Page></pc:PcGts>""";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(OcrFormat.PageXml, outcome.Format);
        Assert.Equal("falsch verlinkt", Assert.Single(outcome.Records).Text);
        Assert.Equal("linked as ALTO but the file is PAGE XML; read as PAGE XML", outcome.Warnings[0]);
    }

    [Fact]
    public void Parse_WithoutFormat_SniffsPageXml()
    {
        var xml = $"""<PcGts xmlns="{Ns2019}"><Page imageWidth="2000" imageHeight="3000"><TextRegion id="r">{Line("erkannt")}</TextRegion></Page></PcGts>""";

        Assert.Equal(OcrFormat.PageXml, OcrParser.Parse(Encoding.UTF8.GetBytes(xml), Canvas).Format);
        Assert.Equal(OcrFormat.PageXml, OcrFormatSniffer.Sniff(Encoding.UTF8.GetBytes(xml)));
        Assert.Null(OcrFormatSniffer.Sniff("<html><body>PcGts is a word here</body></html>"u8));
    }

    [Theory]
    [InlineData("application/vnd.prima.page+xml", null, null, OcrFormat.PageXml)]
    [InlineData("application/xml", "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15", null, OcrFormat.PageXml)]
    [InlineData("text/xml", null, "PAGE XML", OcrFormat.PageXml)]
    [InlineData("application/xml", null, "Transkribus PAGE-XML export", OcrFormat.PageXml)]
    [InlineData("application/xml", null, "page 3", null)]
    [InlineData("text/plain", "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15", null, OcrFormat.PageXml)]
    public void Classify_PageXmlLinks_AreTold(string format, string? profile, string? label, OcrFormat? expected)
    {
        var link = new LinkedResource
        {
            Id = "https://example.org/f/1",
            Format = format,
            Profile = profile,
            Label = label is null ? LanguageMap.Empty : LanguageMap.Of("en", label),
        };

        Assert.Equal(expected, OcrFormatSniffer.Classify(link));
    }

    [Fact]
    public void Classify_XmlWhoseAddressSaysPageXml_IsPageXml()
    {
        var link = new LinkedResource { Id = "https://example.org/pagexml/0001.xml", Format = "application/xml" };

        Assert.Equal(OcrFormat.PageXml, OcrFormatSniffer.Classify(link));
    }

    /// <summary>A PAGE XML file with a reading order, words and a line-level line, for the fuzz tests.</summary>
    internal static string Sample() => $"""
        <PcGts xmlns="{Ns2019}">
          <Page imageFilename="p.tif" imageWidth="2000" imageHeight="3000">
            <ReadingOrder><OrderedGroup id="ro"><RegionRefIndexed index="0" regionRef="b"/><RegionRefIndexed index="1" regionRef="a"/></OrderedGroup></ReadingOrder>
            {Region("a", "zweite Zeile")}
            <TextRegion id="b" primaryLanguage="German">
              <TextLine id="l1">
                <Coords points="100,200 900,200 900,250 100,250"/>
                <Word id="w1"><Coords points="100,200 400,200 400,250 100,250"/><TextEquiv><Unicode>Wunder</Unicode></TextEquiv></Word>
                <Word id="w2"><Coords points="450,200 900,200 900,250 450,250"/><TextEquiv><Unicode>Werk</Unicode></TextEquiv></Word>
              </TextLine>
            </TextRegion>
          </Page>
        </PcGts>
        """;

    private static string Region(string id, string text) => $"""<TextRegion id="{id}"><Coords points="100,200 900,250"/>{Line(text)}</TextRegion>""";

    private static string Line(string text, string prefix = "") =>
        $"""<{prefix}TextLine id="l"><{prefix}Coords points="100,200 900,200 900,250 100,250"/><{prefix}TextEquiv><{prefix}Unicode>{text}</{prefix}Unicode></{prefix}TextEquiv></{prefix}TextLine>""";
}
