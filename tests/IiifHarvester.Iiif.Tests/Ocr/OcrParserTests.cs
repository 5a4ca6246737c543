using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;

namespace IiifHarvester.Iiif.Tests.Ocr;

public sealed class OcrParserTests
{
    private static readonly OcrTarget Canvas = new("https://example.org/canvas/1", 1000, 1500, "https://example.org/manifest");

    [Theory]
    [InlineData("http://www.loc.gov/standards/alto/ns-v2#", "pixel")]
    [InlineData("http://www.loc.gov/standards/alto/ns-v3#", "mm10")]
    [InlineData("http://www.loc.gov/standards/alto/ns-v4#", "inch1200")]
    public void Parse_AltoWithPageSize_OneRecordPerLineScaledToCanvas(string ns, string unit)
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Alto(ns, unit)), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(OcrFormat.Alto, outcome.Format);
        Assert.Equal(2, outcome.Records.Count);
        var line = outcome.Records[0];
        Assert.Equal("Wunder der Verer\u2010", line.Text);
        Assert.Equal("supplementing", line.Motivation);
        Assert.Equal("https://example.org/canvas/1", line.CanvasId);
        Assert.Equal("https://example.org/manifest", line.ManifestId);
        Assert.Equal("de", line.Language);
        Assert.Equal(new Region(50, 100, 400, 25), line.Region);
        Assert.Equal(3, line.Words.Count);
        Assert.Equal(new WordBox(0, 6, new Region(50, 100, 150, 25)), line.Words[0]);
        Assert.Equal("der", line.Text.Substring(line.Words[1].Start, line.Words[1].Length));
        Assert.Equal(new Region(325, 100, 125, 25), line.Words[2].Region);
        Assert.Equal("bung & Co", outcome.Records[1].Text);
        Assert.Equal("en", outcome.Records[1].Language);
        Assert.Empty(outcome.Warnings);
    }

    [Theory]
    [InlineData("<HYP CONTENT=\"-\"/>", "Verer\u2010")]
    [InlineData("<HYP/>", "Verer\u2010")]
    [InlineData("<HYP CONTENT=\"\u2E17\"/>", "Verer\u2010")]
    [InlineData("<HYP CONTENT=\"&#xAD;\"/>", "Verer\u00AD")]
    [InlineData("<HYP CONTENT=\"\u00AC\"/>", "Verer\u00AC")]
    public void Parse_AltoHyp_EndsTheLineWithAHyphenThatJoinsTheNextLine(string hyp, string text)
    {
        var alto = OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v4#", "pixel").Replace("<HYP CONTENT=\"-\"/>", hyp, StringComparison.Ordinal);

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(alto), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("Wunder der " + text, outcome.Records[0].Text);
        Assert.Equal("Verer", outcome.Records[0].Text.Substring(outcome.Records[0].Words[2].Start, outcome.Records[0].Words[2].Length));
    }

    [Fact]
    public void Parse_AltoWithSpaces_StringsWithNoSpBetweenThemAreOneWord()
    {
        // Shaped like GBV's ALTO in dbmdz/solr-ocrhighlighting src/test/resources/data/alto_semantics_urn+nbn+de+gbv+3+5-83179_00000007.xml:
        // words are parted by <SP/>, and a hyphen or punctuation mark is a String of its own that joins its neighbours.
        const string Alto = """
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page WIDTH="1654" HEIGHT="2339"><PrintSpace><TextBlock>
              <TextLine HPOS="1416" VPOS="108" WIDTH="158" HEIGHT="26">
                <String HEIGHT="26" CONTENT="unter" WIDTH="59" HPOS="1416" VPOS="108"/>
                <SP/>
                <String HEIGHT="26" CONTENT="Mubarak" WIDTH="94" HPOS="1480" VPOS="108"/>
              </TextLine>
              <TextLine HPOS="866" VPOS="210" WIDTH="429" HEIGHT="50">
                <String HEIGHT="50" CONTENT="des" WIDTH="65" HPOS="866" VPOS="210"/>
                <SP/>
                <String HEIGHT="50" CONTENT="Mubarak" WIDTH="164" HPOS="943" VPOS="210"/>
                <String HEIGHT="50" CONTENT="-" WIDTH="23" HPOS="1107" VPOS="210"/>
                <String HEIGHT="50" CONTENT="Regimes" WIDTH="165" HPOS="1130" VPOS="210"/>
              </TextLine>
            </TextBlock></PrintSpace></Page></Layout></alto>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Alto), OcrFormat.Alto, Canvas with { CanvasWidth = null });

        Assert.True(outcome.IsSuccess, outcome.Error);
        var line = outcome.Records[1];
        Assert.Equal("des Mubarak-Regimes", line.Text);
        Assert.Equal(new WordBox(12, 7, new Region(1130, 210, 165, 50)), line.Words[3]);
    }

    [Fact]
    public void Parse_AltoWithSpaces_WordsWithNoSpBetweenThemStayApart()
    {
        // Shaped like Chronicling America's iArchives ALTO in dbmdz/solr-ocrhighlighting
        // src/test/resources/data/sn83045555_1909_12_24_6.xml: each SP one String early, the line's last gap without one.
        const string Alto = """
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout><Page WIDTH="17067" HEIGHT="23727"><PrintSpace><TextBlock>
              <TextLine HPOS="2844" VPOS="1404" WIDTH="4212" HEIGHT="390">
                <String HEIGHT="375.0" WIDTH="1656.0" HPOS="2844.0" VPOS="1413.0" CONTENT="BUSINESS" WC="1.0"/>
                <SP WIDTH="252.0" HPOS="5460.0" VPOS="1413.0"/>
                <String HEIGHT="372.0" WIDTH="720.0" HPOS="4740.0" VPOS="1404.0" CONTENT="AND" WC="1.0"/>
                <String HEIGHT="387.0" WIDTH="1344.0" HPOS="5712.0" VPOS="1407.0" CONTENT="STOCKS" WC="1.0"/>
              </TextLine>
            </TextBlock></PrintSpace></Page></Layout></alto>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Alto), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("BUSINESS AND STOCKS", Assert.Single(outcome.Records).Text);
    }

    [Fact]
    public void Parse_AltoWithLineBreakBeforeXmlDeclaration_IsRead()
    {
        // Shaped like the Transkribus ALTO that NationalLibraryOfNorway/ngx-mime serves as the National Library's API
        // response (apps/integration-e2e/src/wiremock/__files/alto.xml): a line break before the XML declaration.
        var alto = "\n" + OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v2#", "mm10");

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(alto), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("Wunder der Verer\u2010", outcome.Records[0].Text);
    }

    [Fact]
    public void Parse_AltoInMm10WithoutPageSize_KeepsUnitsAndWarns()
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v3#", "mm10", pageSize: false)), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess);
        Assert.Equal(new Region(100, 200, 800, 50), outcome.Records[0].Region);
        Assert.Contains(outcome.Warnings, w => w.Contains("mm10", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AltoWithUnknownCanvasSize_KeepsPageUnitsAndWarns()
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Alto("urn:x", "pixel")), OcrFormat.Alto, Canvas with { CanvasWidth = null });

        Assert.Equal(new Region(100, 200, 800, 50), outcome.Records[0].Region);
        Assert.Contains(outcome.Warnings, w => w.Contains("canvas size is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AltoCutOffMidway_KeepsTheLinesBeforeWithWarning()
    {
        var xml = OcrSamples.Alto("urn:x", "pixel");
        var cut = xml[..(xml.IndexOf("<TextLine ID=\"L2\"", StringComparison.Ordinal) + 20)];

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(cut), OcrFormat.Alto, Canvas);

        Assert.True(outcome.IsSuccess);
        Assert.Single(outcome.Records);
        Assert.Contains(outcome.Warnings, w => w.Contains("breaks off", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AltoWithExternalEntity_NeverResolvesIt()
    {
        // An external entity may not stand in an attribute, where ALTO keeps its text, so the attack loads an external
        // DTD (a temp file, through a parameter entity) that declares the entity the second line's CONTENT names. Were
        // external resources read, that line would be a record whose text is the marker. They are not: the DTD is
        // skipped, the entity is undeclared, and the XML breaks off after the complete first line.
        const string Marker = "XXEMARKER7";
        var dtd = Path.Combine(Path.GetTempPath(), $"alto-xxe-{Guid.NewGuid():N}.dtd");
        File.WriteAllText(dtd, $"<!ENTITY xxe \"{Marker}\">");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE alto [<!ENTITY % ext SYSTEM "{new Uri(dtd).AbsoluteUri}"> %ext;]>
                <alto><Layout><Page WIDTH="10" HEIGHT="10"><TextBlock>
                <TextLine><String CONTENT="a" HPOS="1" VPOS="1" WIDTH="1" HEIGHT="1"/></TextLine>
                <TextLine><String CONTENT="&xxe;" HPOS="1" VPOS="3" WIDTH="1" HEIGHT="1"/></TextLine>
                </TextBlock></Page></Layout></alto>
                """;

            var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(xml), OcrFormat.Alto, Canvas);

            Assert.DoesNotContain(outcome.Records, r => r.Text.Contains(Marker, StringComparison.Ordinal));
            Assert.DoesNotContain(outcome.Warnings, w => w.Contains(Marker, StringComparison.Ordinal));
            Assert.True(outcome.IsSuccess, outcome.Error);
            Assert.Equal("a", Assert.Single(outcome.Records).Text);
            Assert.Contains(outcome.Warnings, w => w.Contains("breaks off", StringComparison.Ordinal) && w.Contains("xxe", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(dtd);
        }
    }

    [Theory]
    [InlineData("<html><body>hello</body></html>", "not ALTO")]
    [InlineData("<alto", "not well-formed XML")]
    [InlineData("", "empty")]
    public void Parse_NotAlto_IsRejectedWithReason(string content, string reason)
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(content), OcrFormat.Alto, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Hocr_LinesWithWordBoxesScaledToCanvas()
    {
        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Hocr()), OcrFormat.Hocr, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal(2, outcome.Records.Count);
        var line = outcome.Records[0];
        Assert.Equal("Bonjour monde&co", line.Text);
        Assert.Equal("fr", line.Language);
        Assert.Equal(new Region(50, 100, 400, 25), line.Region);
        Assert.Equal(new WordBox(8, 8, new Region(225, 100, 225, 25)), line.Words[1]);
        Assert.Equal((2000d, 3000d), outcome.PageSize);
    }

    [Fact]
    public void Parse_HocrWithCharacterBoxes_KeepsEachWordWhole()
    {
        // Shaped like Tesseract 5.3 output with -c hocr_char_boxes=1 (tesseract-ocr/tesseract, src/api/hocrrenderer.cpp):
        // every character an ocrx_cinfo on a line of its own inside the ocrx_word.
        const string Hocr = """
            <div class='ocr_page' id='page_1' title='image "k17.tif"; bbox 0 0 1457 2083; ppageno 0; scan_res 300 300'>
             <span class='ocr_line' id='line_1_1' title="bbox 114 367 917 436; baseline -0.005 -6; x_size 67.4">
              <span class='ocrx_word' id='word_1_1' title='bbox 114 368 241 436; x_wconf 27'>
               <span class='ocrx_cinfo' title='x_bboxes 114 374 168 431; x_conf 98.56'>D</span>
               <span class='ocrx_cinfo' title='x_bboxes 179 384 199 428; x_conf 98.75'>i</span>
               <span class='ocrx_cinfo' title='x_bboxes 206 384 241 427; x_conf 89.66'>e</span>
              </span>
              <span class='ocrx_word' id='word_1_2' title='bbox 482 367 917 436; x_wconf 90'>
               <span class='ocrx_cinfo' title='x_bboxes 482 368 547 426; x_conf 98.79'>W</span>
               <span class='ocrx_cinfo' title='x_bboxes 555 383 580 425; x_conf 99.01'>e</span>
               <span class='ocrx_cinfo' title='x_bboxes 590 382 917 427; x_conf 98.93'>lt</span>
              </span>
             </span>
            </div>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Hocr), OcrFormat.Hocr, Canvas with { CanvasWidth = null });

        Assert.True(outcome.IsSuccess, outcome.Error);
        var line = Assert.Single(outcome.Records);
        Assert.Equal("Die Welt", line.Text);
        Assert.Equal(new WordBox(4, 4, new Region(482, 367, 435, 69)), line.Words[1]);
    }

    [Fact]
    public void Parse_HocrWithLstmChoices_ReadsOnlyTheRecognisedCharacters()
    {
        // Shaped like Tesseract 5.3 output with -c hocr_char_boxes=1 -c lstm_choice_mode=2 (tesseract-ocr/tesseract,
        // src/api/hocrrenderer.cpp): after each character, its alternative readings in nested ocrx_cinfo spans.
        const string Hocr = """
            <div class='ocr_page' id='page_1' title='image "k17.tif"; bbox 0 0 1457 2083; ppageno 0; scan_res 300 300'>
             <span class='ocr_line' id='line_1_1' title="bbox 114 367 241 436; baseline -0.005 -6">
              <span class='ocrx_word' id='word_1_1' title='bbox 114 368 241 436; x_wconf 27'>
               <span class='ocrx_cinfo' title='x_bboxes 114 374 168 431; x_conf 98.56'>H</span>
                <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
                 <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 91.56'>H</span>
                 <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>G</span>
                </span>
               <span class='ocrx_cinfo' title='x_bboxes 179 384 241 428; x_conf 98.75'>e</span>
                <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
                 <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 93.64'>e</span>
                 <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 0'>o</span>
                </span>
              </span>
             </span>
            </div>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Hocr), OcrFormat.Hocr, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("He", Assert.Single(outcome.Records).Text);
    }

    [Fact]
    public void Parse_HocrWithSoftHyphenAfterTheLastWord_EndsTheLineWithIt()
    {
        // Shaped like the ABBYY hOCR of a Fraktur newspaper in dbmdz/solr-ocrhighlighting
        // src/test/resources/data/hocr_broken_entities.html: the hyphen of a word broken over two lines is a &shy;
        // in the line, after the word's span.
        const string Hocr = """
            <div class='ocr_page' title='bbox 0 0 2818 3964;ppageno 345;ocrp_lang unknown'>
            <p class='ocr_par' title='bbox 189 180 1962 266'><span class='ocr_line' title='bbox 1618 180 1951 216;x_wconf 75'><span class='ocrx_word' title='bbox 1618 188 1656 207'>Wiener</span> <span class='ocrx_word' title='bbox 1904 179 1951 205'>Land</span>&shy;<br /></span><span class='ocr_line' title='bbox 189 207 1962 266;x_wconf 75'><span class='ocrx_word' title='bbox 189 233 231 266'>wirthschaft</span></span></p>
            </div>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Hocr), OcrFormat.Hocr, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Equal("Wiener Land\u00AD", outcome.Records[0].Text);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("und")]
    [InlineData("zxx")]
    public void Parse_OcrLanguageThatNamesNoLanguage_LeavesTheLinesWithoutOne(string lang)
    {
        var hocr = OcrSamples.Hocr().Replace("lang=\"fr\"", $"lang=\"{lang}\"", StringComparison.Ordinal);
        var alto = OcrSamples.Alto("http://www.loc.gov/standards/alto/ns-v4#", "pixel").Replace("LANG=\"ger\"", $"LANG=\"{lang}\"", StringComparison.Ordinal);

        var fromHocr = OcrParser.Parse(Encoding.UTF8.GetBytes(hocr), OcrFormat.Hocr, Canvas);
        var fromAlto = OcrParser.Parse(Encoding.UTF8.GetBytes(alto), OcrFormat.Alto, Canvas);

        Assert.Equal("Bonjour monde&co", fromHocr.Records[0].Text);
        Assert.Null(fromHocr.Records[0].Language);
        Assert.Equal("Wunder der Verer\u2010", fromAlto.Records[0].Text);
        Assert.Null(fromAlto.Records[0].Language);
        Assert.Equal("en", fromAlto.Records[1].Language);
    }

    [Fact]
    public void Parse_HocrWithLanguageOnlyOnTheHtmlElement_LeavesTheLinesWithoutOne()
    {
        // Shaped like OCRopus output in ocropus/hocr-tools test/testdata/litver.html: German text, and the lang="en"
        // that OCRopus (like Tesseract, src/api/hocrrenderer.cpp) writes on <html> whatever the language.
        const string Hocr = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
                "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
            <head><meta name="ocr-system" content="ocropy-1.0" /></head>
            <body>
            <div class='ocr_page' title='image litver.png; bbox 0 0 4299 3035'>
            <span class='ocr_line' title='bbox 795 279 925 306'>Bürgerbegehren und Bürgerentscheid</span><br />
            </div>
            </body></html>
            """;

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(Hocr), OcrFormat.Hocr, Canvas);

        Assert.True(outcome.IsSuccess, outcome.Error);
        Assert.Null(Assert.Single(outcome.Records).Language);
    }

    [Fact]
    public void Parse_HtmlWithoutHocrClasses_IsRejected()
    {
        var outcome = OcrParser.Parse("<html><body><p>just a page</p></body></html>"u8, OcrFormat.Hocr, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Contains("not hOCR", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HocrNestedTooDeep_IsRejectedBeforeBuildingATree()
    {
        var html = "<div class='ocr_page'>" + string.Concat(Enumerable.Repeat("<span>", 100_000)) + "x";

        var outcome = OcrParser.Parse(Encoding.UTF8.GetBytes(html), OcrFormat.Hocr, Canvas);

        Assert.False(outcome.IsSuccess);
        Assert.Contains("nests deeper", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutFormat_SniffsAltoAndHocr()
    {
        Assert.Equal(OcrFormat.Alto, OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Alto("urn:x", "pixel")), Canvas).Format);
        Assert.Equal(OcrFormat.Hocr, OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Hocr()), Canvas).Format);
        Assert.False(OcrParser.Parse("{\"a\":1}"u8, Canvas).IsSuccess);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Parse_WithoutFormat_Utf16AltoIsSniffedAndReadAsUtf8Is(string encoding)
    {
        // XML 1.0 Appendix F: UTF-16 is known by its byte order mark, or without one by "<" as 3C 00 (or 00 3C).
        var utf8 = OcrParser.Parse(Encoding.UTF8.GetBytes(OcrSamples.Alto("urn:x", "pixel")), Canvas);
        var xml = OcrSamples.Alto("urn:x", "pixel").Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        var text = Encoding.GetEncoding(encoding);
        byte[][] forms = [[.. text.GetPreamble(), .. text.GetBytes(xml)], text.GetBytes(xml)];

        foreach (var bytes in forms)
        {
            var outcome = OcrParser.Parse(bytes, Canvas);

            Assert.Equal(OcrFormat.Alto, outcome.Format);
            Assert.True(outcome.IsSuccess, outcome.Error);
            Assert.Equal(utf8.Records.Select(r => r.Text), outcome.Records.Select(r => r.Text));
        }
    }

    [Theory]
    [InlineData("application/xml", "http://www.loc.gov/standards/alto/v3/alto.xsd", OcrFormat.Alto)]
    [InlineData("text/xml", "https://www.loc.gov/standards/alto/", OcrFormat.Alto)]
    [InlineData("application/alto+xml", null, OcrFormat.Alto)]
    [InlineData("text/vnd.hocr+html", null, OcrFormat.Hocr)]
    [InlineData("text/html", "http://kba.cloud/hocr-spec", OcrFormat.Hocr)]
    [InlineData("text/html", "http://kba.github.io/hocr-spec/1.2/", OcrFormat.Hocr)]
    [InlineData("application/xml", "http://www.loc.gov/standards/mods/v3/mods-3-5.xsd", null)]
    [InlineData("application/pdf", null, null)]
    public void Classify_LinkFormatAndProfile_TellsOcrFormat(string format, string? profile, OcrFormat? expected)
    {
        var link = new LinkedResource { Id = "https://example.org/f/1", Format = format, Profile = profile };

        Assert.Equal(expected, OcrFormatSniffer.Classify(link));
    }
}
