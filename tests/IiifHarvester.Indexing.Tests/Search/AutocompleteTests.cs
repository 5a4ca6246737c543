using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class AutocompleteTests : IDisposable
{
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Autocomplete_Prefix_ListsWordsWithCountsAlphabetically()
    {
        var result = Complete(DemoInstitution.BookUri, "bi");

        Assert.Equal([("bird", 2L), ("birds", 1L)], result.Terms.Select(t => (t.Term, t.Count)));
    }

    [Fact]
    public void Autocomplete_CaseAndDiacritics_AreFolded()
    {
        Assert.Equal(["zurich"], Complete(DemoInstitution.BookUri, "ZÜ").Terms.Select(t => t.Term));
    }

    [Fact]
    public void Autocomplete_Scope_ExcludesOtherManifests()
    {
        Assert.Empty(Complete(DemoInstitution.BookUri, "京").Terms);
        Assert.Contains(Complete(DemoInstitution.ScrollUri, "京").Terms, t => t.Term == "京都");
    }

    [Fact]
    public void Autocomplete_Min_DropsRareTerms()
    {
        var result = _fixture.Search.Autocomplete(new AutocompleteRequest
        {
            Scope = Scope(DemoInstitution.BookUri),
            Prefix = "bi",
            MinCount = 2,
        });

        Assert.Equal(["bird"], result.Terms.Select(t => t.Term));
    }

    [Fact]
    public void Autocomplete_All_UsesIndexStatistics()
    {
        var result = _fixture.Search.Autocomplete(new AutocompleteRequest { Scope = SearchScope.All, Prefix = "大" });

        Assert.Contains(result.Terms, t => t.Term == "大学" && t.Count == 2);
    }

    [Fact]
    public void Autocomplete_MultipleWords_ListsNothing()
    {
        Assert.Empty(Complete(DemoInstitution.BookUri, "the bi").Terms);
    }

    [Fact]
    public void Autocomplete_MotivationFilter_CountsOnlyMatchingAnnotations()
    {
        var result = _fixture.Search.Autocomplete(new AutocompleteRequest
        {
            Scope = Scope(DemoInstitution.BookUri),
            Prefix = "bird",
            Filter = new AnnotationFilter { Motivations = ["commenting"] },
        });

        Assert.Equal([("bird", 1L)], result.Terms.Select(t => (t.Term, t.Count)));
    }

    private AutocompleteResult Complete(string uri, string prefix) =>
        _fixture.Search.Autocomplete(new AutocompleteRequest { Scope = Scope(uri), Prefix = prefix });

    private SearchScope Scope(string uri) => SearchScope.For(_fixture.Search.FindByUri(uri)!);
}
