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
    // A plain hyphen may be the word's own: left as it was.
    [InlineData("Nord-\nSüd", "nord sud", "sud", 6, 9)]
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
        _fixture.Index.Upsert(DemoInstitution.Indexed(Manifest, DemoInstitution.Manifest(Manifest, "Kostenberechnung", "de", [canvas], "Demo Library"),
            [DemoInstitution.OcrLine(canvas, "der Scheidewände, des Ventilations\u00AD", 100, 100), DemoInstitution.OcrLine(canvas, "schachtes, des Windfanges", 100, 140)],
            []));
        _fixture.Index.Commit(1);
        var scope = SearchScope.For(_fixture.Search.FindByUri(Manifest)!);

        var whole = _fixture.Search.Search(Request(scope, "Ventilationsschachtes"));
        var part = _fixture.Search.Search(Request(scope, "schachtes"));

        // The union of the two word boxes: "Ventilations" (line 1, from x 320) and "schachtes," (line 2, from x 100).
        var hit = Assert.Single(whole.Hits);
        Assert.Equal(new Iiif.Annotations.Region(100, 100, 350, 60), hit.Annotation.Region);
        Assert.StartsWith("Ventilations", hit.Match, StringComparison.Ordinal);
        Assert.EndsWith("schachtes", hit.Match, StringComparison.Ordinal);
        Assert.Equal(0, part.Total);
    }

    private static ContentSearchRequest Request(SearchScope scope, string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return new ContentSearchRequest { Scope = scope, Query = query };
    }
}
