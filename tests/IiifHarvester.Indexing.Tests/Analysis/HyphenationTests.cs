using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Analysis;

/// <summary>
/// Words as printed, whatever the hyphenation: a soft hyphen (ALTO's HYP, HTML's &amp;shy;) is no part of a word, and
/// a word hyphenated at a line's end with one (or with a Fraktur ¬) is one word over both lines.
/// </summary>
public sealed class HyphenationTests : IDisposable
{
    private const string Manifest = "https://demo.example.org/iiif/hyphenated/manifest";
    private readonly IndexFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    // Staatsbibliothek zu Berlin's OCR (ALTO: String CONTENT="Ventilations" SUBS_TYPE="HypPart1", then HYP CONTENT="&#xAD;").
    [InlineData("des Ventilations\u00AD\nschachtes, des", "des ventilationsschachtes des", "ventilationsschachtes", 4, 27)]
    [InlineData("die Wasser\u00AC\nleitung", "die wasserleitung", "wasserleitung", 4, 19)]
    [InlineData("Ventila\u00ADtions\u00ADschacht", "ventilationsschacht", "ventilationsschacht", 0, 21)]
    // What the ALTO reader makes of HYP CONTENT="-" (the usual form outside Berlin): U+2010, the hyphen that joins.
    [InlineData("der Verer\u2010\nbung", "der vererbung", "vererbung", 4, 15)]
    // A plain hyphen at a line's end may break the word or be its own: both parts stay, and the two are added as
    // one word, stacked on the first and spanning both.
    [InlineData("Nord-\nSüd", "nord nordsud sud", "sud", 6, 9)]
    [InlineData("der Verer-\nbung von", "der verer vererbung bung von", "vererbung", 4, 15)]
    // OCR-D's ground truth transcribes the Fraktur hyphen as U+2E17.
    [InlineData("die Ver\u2E17\nerbung", "die ver vererbung erbung", "vererbung", 4, 15)]
    // A word over three lines: each break adds its pair; the text's last word joins too.
    [InlineData("Ver-\nerb-\nung", "ver vererb erb erbung ung", "erbung", 5, 13)]
    // French print repeats the quote mark at each line of a quotation: the word goes on after "» " (dbmdz/
    // solr-ocrhighlighting's alto_multi/1860-11-30_01-00002.xml, "ré" + HYP then "» pondu"), with either hyphen.
    [InlineData("ait ré\u2010\n» pondu", "ait repondu", "repondu", 4, 15)]
    [InlineData("der Verer-\n» bung von", "der verer vererbung bung von", "vererbung", 4, 17)]
    [InlineData("Ven\u00AD\n«\u00A0tilation", "ventilation", "ventilation", 0, 15)]
    // A German opening »Wort« is no continued quotation.
    [InlineData("Nord-\n»Süd«", "nord sud", "sud", 7, 10)]
    // Not between two letters, or not at a line's end: nothing added.
    [InlineData("Seiten 12-\n13", "seiten 12 13", "13", 11, 13)]
    [InlineData("Nord -\nSüd", "nord sud", "sud", 7, 10)]
    [InlineData("Nord-Süd", "nord sud", "sud", 5, 8)]
    public void Analyze_HyphenatedText_GivesTheWordsAsPrintedWithOffsetsInTheText(string text, string terms, string term, int start, int end)
    {
        var tokens = TokenReader.Tokens(new TextAnalyzer(), "text", text);

        Assert.Equal(terms, string.Join(' ', tokens.Select(t => t.Term)));
        var token = tokens.Single(t => t.Term == term);
        Assert.Equal((start, end), (token.StartOffset, token.EndOffset));
    }

    [Fact]
    public void Search_WordHyphenatedAcrossLines_GivesOneHitOverBothLinesWordBoxes()
    {
        var canvas = DemoInstitution.Canvas(Manifest, 1);

        // The union of the two word boxes: "Ventilations" (line 1, from x 320) and "schachtes," (line 2, from x 100).
        AssertOneHitOverBothLines(
            [DemoInstitution.OcrLine(canvas, "der Scheidewände, des Ventilations\u00AD", 100, 100), DemoInstitution.OcrLine(canvas, "schachtes, des Windfanges", 100, 140)],
            "Ventilationsschachtes", ("Ventilations", "schachtes"), new Iiif.Annotations.Region(100, 100, 350, 60));
    }

    [Fact]
    public void Search_AltoWordHyphenatedWithAPlainHyp_GivesOneHitOverBothLines()
    {
        const string alto = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
              <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
              <Layout><Page ID="p1" WIDTH="1000" HEIGHT="1500"><PrintSpace><TextBlock ID="b1" LANG="de">
                <TextLine ID="l1" HPOS="100" VPOS="200" WIDTH="500" HEIGHT="40">
                  <String CONTENT="Die" HPOS="100" VPOS="200" WIDTH="100" HEIGHT="40"/><SP/>
                  <String CONTENT="Verer" HPOS="250" VPOS="200" WIDTH="300" HEIGHT="40" SUBS_TYPE="HypPart1" SUBS_CONTENT="Vererbung"/>
                  <HYP CONTENT="-"/>
                </TextLine>
                <TextLine ID="l2" HPOS="100" VPOS="250" WIDTH="500" HEIGHT="40">
                  <String CONTENT="bung" HPOS="100" VPOS="250" WIDTH="200" HEIGHT="40" SUBS_TYPE="HypPart2" SUBS_CONTENT="Vererbung"/><SP/>
                  <String CONTENT="erworbener" HPOS="350" VPOS="250" WIDTH="250" HEIGHT="40"/>
                </TextLine>
              </TextBlock></PrintSpace></Page></Layout>
            </alto>
            """;
        var canvas = DemoInstitution.Canvas(Manifest, 1);
        var ocr = Iiif.Ocr.OcrParser.Parse(System.Text.Encoding.UTF8.GetBytes(alto), Iiif.Annotations.OcrFormat.Alto, new Iiif.Ocr.OcrTarget(canvas, 1000, 1500, Manifest));
        Assert.True(ocr.IsSuccess, ocr.Error);

        // "Verer" (250,200 300x40) on line 1 and "bung" (100,250 200x40) on line 2.
        AssertOneHitOverBothLines(ocr.Records, "Vererbung", ("Verer", "bung"), new Iiif.Annotations.Region(100, 200, 450, 90));
    }

    [Fact]
    public void Search_WordBrokenWithAPlainHyphenAtALineEnd_FoundWholeOverBothLinesAndByItsParts()
    {
        // Tesseract's hOCR and Transkribus's PAGE XML keep the printed "-" where a word breaks at a line's end.
        var canvas = DemoInstitution.Canvas(Manifest, 1);
        IReadOnlyList<Iiif.Annotations.AnnotationRecord> lines =
            [DemoInstitution.OcrLine(canvas, "über die Verer-", 100, 100), DemoInstitution.OcrLine(canvas, "bung erworbener Eigenschaften", 100, 140)];
        var scope = IndexOnOneCanvas(lines, "Vererbung");

        var whole = _fixture.Search.Search(Request(scope, "Vererbung"));
        var phrase = _fixture.Search.Search(Request(scope, "\"die Vererbung\""));
        var part = _fixture.Search.Search(Request(scope, "bung"));

        var hit = Assert.Single(whole.Hits);
        Assert.StartsWith("Verer", hit.Match, StringComparison.Ordinal);
        Assert.EndsWith("bung", hit.Match, StringComparison.Ordinal);
        // The union of the word boxes "Verer-" (line 1, x 190 to 250) and "bung" (line 2, from x 100).
        Assert.Equal(new Iiif.Annotations.Region(100, 100, 150, 60), hit.Annotation.Region);
        Assert.Single(phrase.Hits);
        Assert.Single(part.Hits);
    }

    [Fact]
    public void Search_WordBeforeAJoiningHyphenAndANextLineOfNoLetter_EndsTheHitOnItsOwnLine()
    {
        // dbmdz/solr-ocrhighlighting's alto_multi/1860-11-30_01-00004.xml: "Bl" + HYP "-" (read as U+2010), then a
        // line starting "(Simm". The hyphen and the break go; nothing joins, so "Bl" ends where the break was, past
        // its line: assembling the hit threw ArgumentOutOfRangeException.
        var canvas = DemoInstitution.Canvas(Manifest, 1);
        IReadOnlyList<Iiif.Annotations.AnnotationRecord> lines =
            [DemoInstitution.OcrLine(canvas, "in Der Osficin d. Bl\u2010", 100, 100), DemoInstitution.OcrLine(canvas, "(Simm geehrtcu", 100, 140)];
        var scope = IndexOnOneCanvas(lines, "Buchdruckerei");

        var hit = Assert.Single(_fixture.Search.Search(Request(scope, "Bl")).Hits);

        Assert.StartsWith("Bl", hit.Match, StringComparison.Ordinal);
        Assert.Equal("in Der Osficin d. ", hit.Before);
        Assert.Equal(string.Empty, hit.After);
        // "Bl\u2010" (line 1, x 280 to 310) only.
        Assert.Equal(new Iiif.Annotations.Region(280, 100, 30, 20), hit.Annotation.Region);
    }

    /// <summary>
    /// Indexes <paramref name="lines"/> on one canvas and searches for <paramref name="word"/>, hyphenated over two
    /// of them: one hit, boxed over both parts, and no hit for the second part alone.
    /// </summary>
    private void AssertOneHitOverBothLines(IReadOnlyList<Iiif.Annotations.AnnotationRecord> lines, string word, (string First, string Second) parts, Iiif.Annotations.Region region)
    {
        var scope = IndexOnOneCanvas(lines, word);

        var whole = _fixture.Search.Search(Request(scope, word));
        var part = _fixture.Search.Search(Request(scope, parts.Second));

        var hit = Assert.Single(whole.Hits);
        Assert.Equal(region, hit.Annotation.Region);
        Assert.StartsWith(parts.First, hit.Match, StringComparison.Ordinal);
        Assert.EndsWith(parts.Second, hit.Match, StringComparison.Ordinal);
        Assert.Equal(0, part.Total);
    }

    /// <summary>Indexes <paramref name="lines"/> on the first canvas of a German manifest; its search scope.</summary>
    private SearchScope IndexOnOneCanvas(IReadOnlyList<Iiif.Annotations.AnnotationRecord> lines, string label)
    {
        _fixture.Index.Upsert(DemoInstitution.Indexed(Manifest, DemoInstitution.Manifest(Manifest, label, "de", [DemoInstitution.Canvas(Manifest, 1)], "Demo Library"), lines, []));
        _fixture.Index.Commit(1);
        return SearchScope.For(_fixture.Search.FindByUri(Manifest)!);
    }

    private static ContentSearchRequest Request(SearchScope scope, string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return new ContentSearchRequest { Scope = scope, Query = query };
    }
}
