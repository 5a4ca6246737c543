using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class ContentSearchTests : IDisposable
{
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Search_WordInOcrLine_GivesWordLevelBox()
    {
        var result = Search(DemoInstitution.BookUri, "hand");

        var hit = Assert.Single(result.Hits);
        Assert.Equal("hand", hit.Match);
        Assert.Equal("A bird in the ", hit.Before);
        Assert.Equal("A bird in the hand", hit.Annotation.Text);
        Assert.Equal(new Region(240, 100, 40, 20), hit.Annotation.Region);
        Assert.Equal(DemoInstitution.Canvas(DemoInstitution.BookUri, 1), hit.Annotation.CanvasId);
    }

    [Fact]
    public void Search_WordsAcrossTwoLines_GivesOneHitWithOneAnnotationOverBothLines()
    {
        var result = Search(DemoInstitution.BookUri, "hand is");

        var hit = Assert.Single(result.Hits);
        Assert.Equal("hand is", hit.Match);
        Assert.Equal("A bird in the ", hit.Before);
        Assert.Equal(" worth two in the bush.", hit.After);
        Assert.Equal("A bird in the hand is worth two in the bush.", hit.Annotation.Text);
        Assert.Equal(new Region(100, 100, 180, 60), hit.Annotation.Region);
        Assert.Single(result.Annotations);
    }

    [Fact]
    public void Search_QuotedPhraseAcrossLines_MatchesAndUnitesWordBoxesPerLine()
    {
        var result = Search(DemoInstitution.BookUri, "\"the hand is worth\"");

        var hit = Assert.Single(result.Hits);
        Assert.Equal("the hand is worth", hit.Match);
        Assert.Equal(new Region(100, 100, 180, 60), hit.Annotation.Region);
    }

    [Fact]
    public void Search_PhraseNotInOrder_DoesNotMatch()
    {
        Assert.Equal(0, Search(DemoInstitution.BookUri, "\"hand the\"").Total);
    }

    [Fact]
    public void Search_StemmedWord_FindsOtherFormsInEnglishText()
    {
        var result = Search(DemoInstitution.BookUri, "bird", motivation: "painting");

        Assert.Equal(2, result.Total);
        Assert.Equal(["bird", "birds"], result.Hits.Select(h => h.Match));
    }

    [Fact]
    public void Search_QuotedWord_IsNotStemmed()
    {
        var result = Search(DemoInstitution.BookUri, "\"birds\"");

        Assert.Equal("birds", Assert.Single(result.Hits).Match);
    }

    [Theory]
    [InlineData("CAFE", "café")]
    [InlineData("zurich", "Zürich")]
    [InlineData("Café", "café")]
    public void Search_CaseAndDiacritics_AreFolded(string query, string expected)
    {
        Assert.Equal(expected, Assert.Single(Search(DemoInstitution.BookUri, query).Hits).Match);
    }

    [Theory]
    [InlineData("京都", 2)]
    [InlineData("東京都", 1)]
    [InlineData("図書館", 1)]
    [InlineData("絵", 1)]
    [InlineData("ひらがな", 1)]
    [InlineData("カタカナ", 1)]
    public void Search_Japanese_MatchesBigramsAndSingleCharacters(string query, int expected)
    {
        var result = Search(DemoInstitution.ScrollUri, query);

        Assert.Equal(expected, result.Total);
        Assert.All(result.Hits, h => Assert.Equal(query, h.Match));
    }

    [Fact]
    public void Search_LineLevelTranscription_EstimatesTheBoxAlongTheLine()
    {
        var result = Search(DemoInstitution.ScrollUri, "図書館");

        var hit = Assert.Single(result.Hits);
        Assert.Equal("京都大学図書館所蔵の絵巻", hit.Annotation.Text);
        Assert.Equal("京都大学", hit.Before);
        Assert.Equal("所蔵の絵巻", hit.After);
        Assert.Equal("167,50,125,40", hit.Annotation.Region!.Value.ToXywh());
    }

    [Theory]
    [InlineData("北京大学", "北京大学")]
    [InlineData("peking university", "Peking University")]
    [InlineData("\"大学Peking\"", "大学Peking")]
    [InlineData("人民", "人民")]
    public void Search_MixedScriptChinese_Matches(string query, string match)
    {
        Assert.Equal(match, Assert.Single(Search(DemoInstitution.ChineseUri, query).Hits).Match);
    }

    // Each query answers exactly as its words without the syntax: "bird*" no more than "bird" (a prefix query would
    // add nothing here, but "bir*" would find bird and birds), "brid~" nothing (a fuzzy query would find bird).
    [Theory]
    [InlineData("bird*", "bird", 3)]
    [InlineData("bird~", "bird", 3)]
    [InlineData("bird^", "bird", 3)]
    [InlineData("(bird", "bird", 3)]
    [InlineData("bird]", "bird", 3)]
    [InlineData("bir*", "bir", 0)]
    [InlineData("brid~", "brid", 0)]
    public void Search_LuceneSyntax_IsPlainText(string query, string words, int total)
    {
        var result = Search(DemoInstitution.BookUri, query);
        var plain = Search(DemoInstitution.BookUri, words);

        Assert.Equal(total, result.Total);
        Assert.Equal(plain.Total, result.Total);
        Assert.Equal(plain.Hits.Select(h => (h.Annotation.LocalId, h.Match)), result.Hits.Select(h => (h.Annotation.LocalId, h.Match)));
    }

    [Fact]
    public void Search_FieldSyntax_IsTwoWords()
    {
        Assert.Equal(0, Search(DemoInstitution.BookUri, "text:bird").Total);
        Assert.Equal(4, Search(DemoInstitution.BookUri, "bush:two").Total);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("~ : ( ) ]")]
    public void TryParse_OnlyQuerySyntax_Fails(string query)
    {
        Assert.False(UserQuery.TryParse(query, 256, 16, out _, out _));
    }

    [Theory]
    [InlineData("...")]
    [InlineData("— , ;")]
    [InlineData("\"--\"")]
    public void Search_OnlyPunctuation_ThrowsQueryException(string query)
    {
        Assert.Throws<SearchQueryException>(() => Search(DemoInstitution.BookUri, query));
    }

    [Fact]
    public void Search_Collection_FindsManifestsAtAnyDepth()
    {
        var top = _fixture.Search.FindByUri(DemoInstitution.TopCollectionUri)!;

        var japanese = _fixture.Search.Search(Request(SearchScope.For(top), "京都"));
        var english = _fixture.Search.Search(Request(SearchScope.For(top), "hand"));

        Assert.Equal(2, japanese.Total);
        Assert.All(japanese.Annotations, a => Assert.Equal(DemoInstitution.ScrollUri, a.ManifestUri));
        Assert.Equal(1, english.Total);
        Assert.Equal("東京の絵巻", japanese.Annotations.First().ManifestLabel.GetValue());
    }

    [Fact]
    public void Search_All_SpansManifests()
    {
        var result = _fixture.Search.Search(Request(SearchScope.All, "大学"));

        Assert.Equal(2, result.Total);
        Assert.Equal(
            [DemoInstitution.ScrollUri, DemoInstitution.ChineseUri],
            result.Annotations.Select(a => a.ManifestUri).Distinct().Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Search_MotivationUserAndDateFilters_SelectTheComment()
    {
        var scope = Scope(DemoInstitution.BookUri);
        AnnotationFilter[] matching =
        [
            new() { Motivations = ["commenting"] },
            new() { Motivations = ["oa:commenting", "tagging"] },
            new() { Motivations = ["non-painting"] },
            new() { Users = [DemoInstitution.Commenter] },
            new() { Dates = [new DateRange(new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2024, 12, 31, 0, 0, 0, TimeSpan.Zero))] },
        ];
        foreach (var filter in matching)
        {
            var result = _fixture.Search.Search(Request(scope, "bird") with { Filter = filter });
            var annotation = Assert.Single(result.Annotations);
            Assert.Equal("commenting", annotation.Motivation);
            Assert.Equal(new Region(10, 10, 50, 50), annotation.Region);
        }

        var none = _fixture.Search.Search(Request(scope, "bird") with
        {
            Filter = new() { Dates = [new DateRange(new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2020, 12, 31, 0, 0, 0, TimeSpan.Zero))] },
        });
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public void Search_Paging_CountsEveryHitAndSlicesTheWindow()
    {
        var scope = Scope(DemoInstitution.BookUri);
        var all = _fixture.Search.Search(Request(scope, "the"));
        var second = _fixture.Search.Search(Request(scope, "the") with { StartIndex = 1, PageSize = 2 });
        var beyond = _fixture.Search.Search(Request(scope, "the") with { StartIndex = 100, PageSize = 2 });

        Assert.Equal(3, all.Total);
        Assert.Equal(3, second.Total);
        Assert.Equal(1, second.StartIndex);
        Assert.Equal(all.Hits.Skip(1).Take(2).Select(h => h.Before + h.Match), second.Hits.Select(h => h.Before + h.Match));
        Assert.Empty(beyond.Hits);
    }

    [Fact]
    public void Search_AnnotationIds_AreStableAcrossReindex()
    {
        var before = Search(DemoInstitution.BookUri, "hand").Annotations.First().LocalId;
        _fixture.Index.DeleteAll();
        _fixture.Index.Upsert(DemoInstitution.Book());
        _fixture.Index.Commit(6);

        Assert.Equal(before, Search(DemoInstitution.BookUri, "hand").Annotations.First().LocalId);
    }

    private ContentSearchResult Search(string manifest, string q, string? motivation = null)
    {
        var request = Request(Scope(manifest), q);
        if (motivation is not null)
        {
            request = request with { Filter = new AnnotationFilter { Motivations = [motivation] } };
        }

        return _fixture.Search.Search(request);
    }

    private SearchScope Scope(string uri) => SearchScope.For(_fixture.Search.FindByUri(uri)!);

    private static ContentSearchRequest Request(SearchScope scope, string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return new ContentSearchRequest { Scope = scope, Query = query };
    }
}
