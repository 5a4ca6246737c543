using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

/// <summary>One hit, one annotation with the narrowest box known; snippets inside it; phrase hits first.</summary>
public sealed class HitShapeTests : IDisposable
{
    private const string LettersUri = DemoInstitution.Base + "/letters/manifest";
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();

    public HitShapeTests()
    {
        var c1 = DemoInstitution.Canvas(LettersUri, 1);
        _fixture.Index.Upsert(DemoInstitution.Indexed(
            LettersUri,
            DemoInstitution.Manifest(LettersUri, "Letters", "en", [c1], "Demo Library"),
            [
                // 32 characters over 320 units: 10 units a character.
                DemoInstitution.Transcription(LettersUri, c1, "line-1", "the cat and the dog and the bird", "en", new Region(0, 0, 320, 20)),
                DemoInstitution.Transcription(LettersUri, c1, "line-2", "a second line about a cat", "en", new Region(0, 30, 250, 20)),

                // A vertical line of Japanese: 10 characters down 400 units.
                DemoInstitution.Transcription(LettersUri, c1, "line-3", "東京都の歴史について", "ja", new Region(500, 0, 40, 400)),
            ],
            []));
        _fixture.Index.Commit(10);
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Search_ThreeHitsOnOneLine_GiveThreeAnnotationsWithTheirOwnIdsAndBoxes()
    {
        var result = Search("the");

        Assert.Equal(3, result.Hits.Count);
        Assert.Equal(3, result.Annotations.Select(a => a.LocalId).Distinct().Count());
        Assert.Equal(
            ["0,0,30,20", "120,0,30,20", "240,0,30,20"],
            result.Annotations.Select(a => a.Region!.Value.ToXywh()));
        Assert.All(result.Annotations, a => Assert.Equal("the cat and the dog and the bird", a.Text));
    }

    [Fact]
    public void Search_VerticalLine_EstimatesTheBoxDownTheLine()
    {
        var hit = Assert.Single(Search("歴史").Hits);

        Assert.Equal("500,160,40,80", hit.Annotation.Region!.Value.ToXywh());
    }

    [Fact]
    public void Search_Snippets_StayInsideTheHitsAnnotationAndCutAtWords()
    {
        var hit = Assert.Single(Search("dog").Hits);
        using var narrow = IndexFixture.WithDemo(new Dictionary<string, string?> { ["Indexing:ContextLength"] = "6" });
        var cut = Assert.Single(narrow.Search.Search(new ContentSearchRequest
        {
            Scope = SearchScope.For(narrow.Search.FindByUri(DemoInstitution.BookUri)!),
            Query = Query("hand"),
        }).Hits);

        Assert.Equal("the cat and the ", hit.Before);
        Assert.Equal(" and the bird", hit.After);
        Assert.Equal("the ", cut.Before);
        Assert.Equal(string.Empty, cut.After);
        Assert.Equal(hit.Annotation.Text, hit.Before + hit.Match + hit.After);
    }

    [Fact]
    public void Search_UnquotedWords_ListPhraseHitsFirst()
    {
        var result = Search("a cat");

        Assert.Equal(["a cat", "cat", "a"], result.Hits.Select(h => h.Match));
        Assert.Equal(3, result.Total);
    }

    [Fact]
    public void Search_UnquotedWords_PagesThroughPhraseHitsThenTheOthers()
    {
        var all = Search("a cat");
        var second = _fixture.Search.Search(Request(LettersUri, "a cat") with { StartIndex = 1, PageSize = 1 });

        Assert.Equal(all.Hits[1].Annotation.LocalId, Assert.Single(second.Hits).Annotation.LocalId);
    }

    [Fact]
    public void Flatten_ChineseOrJapaneseLines_JoinWithoutSpaces()
    {
        Assert.Equal("について京都", SnippetText.Flatten("について\n京都", 0, 7));
        Assert.Equal("bird in", SnippetText.Flatten("bird\nin", 0, 7));
    }

    private ContentSearchResult Search(string q) => _fixture.Search.Search(Request(LettersUri, q));

    private ContentSearchRequest Request(string manifest, string q) => new()
    {
        Scope = SearchScope.For(_fixture.Search.FindByUri(manifest)!),
        Query = Query(q),
    };

    private static UserQuery Query(string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return query;
    }
}
