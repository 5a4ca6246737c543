using System.Globalization;
using System.Text;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

/// <summary>
/// Holds the answers of a fixed query set on a fixed index (<see cref="PinnedInstitution"/>): every hit, in order,
/// with its annotation, box and context, and every total, against <c>PinnedAnswers.txt</c>. A change
/// made for speed must not alter any of it. A change that means to alter answers (what a hit is, ranking) updates
/// the file in the same commit: run with <c>PINNED_ANSWERS_UPDATE=1</c> and review the diff.
/// </summary>
public sealed class PinnedAnswersTests : IDisposable
{
    private static readonly string PinnedAnswersPath =
        Path.Combine(RepositoryPaths.Root, "tests", "IiifHarvester.Indexing.Tests", "Search", "PinnedAnswers.txt");

    private static readonly DateTimeOffset From2021 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To2022 = new(2022, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private readonly IndexFixture _fixture = new();

    public PinnedAnswersTests() => PinnedInstitution.IndexInto(_fixture.Index);

    public void Dispose() => _fixture.Dispose();

    /// <summary>(name, scope, q, filter, start, page size): aggregate, collection and manifest scopes, paging across segments, filters.</summary>
    private static IEnumerable<(string Name, SearchScope Scope, string Q, AnnotationFilter Filter, int Start, int PageSize)> Queries()
    {
        var all = SearchScope.All;
        var top = new SearchScope(SearchScopeKind.Collection, PinnedInstitution.TopCollectionUri);
        var nested = new SearchScope(SearchScopeKind.Collection, PinnedInstitution.NestedCollectionUri);
        var none = AnnotationFilter.None;
        yield return ("all word", all, "charter", none, 0, 250);
        yield return ("all word, a page in the middle", all, "charter", none, 20, 15);
        yield return ("all common word, first page", all, "the", none, 0, 40);
        yield return ("all common word, later page", all, "the", none, 100, 30);
        yield return ("all common word, past the end", all, "the", none, 100_000, 30);
        yield return ("all two words", all, "king charter", none, 0, 250);
        yield return ("all phrase", all, "\"charter given\"", none, 0, 250);
        yield return ("all stemmed", all, "birds", none, 0, 250);
        yield return ("all quoted word", all, "\"birds\"", none, 0, 250);
        yield return ("all folded", all, "cafe zurich", none, 0, 250);
        yield return ("all Japanese", all, "図書館", none, 0, 250);
        yield return ("all Japanese two words", all, "東京 京都", none, 0, 50);
        yield return ("all no hit", all, "nothingatall", none, 0, 250);
        yield return ("collection", top, "land", none, 0, 250);
        yield return ("nested collection", nested, "mill", none, 0, 250);
        yield return ("manifest with published lines", new SearchScope(SearchScopeKind.Manifest, PinnedInstitution.ManifestUri(3)), "the king", none, 0, 250);
        yield return ("manifest with word boxes", new SearchScope(SearchScopeKind.Manifest, PinnedInstitution.ManifestUri(0)), "seal", none, 0, 250);
        yield return ("all commenting", all, "note", new AnnotationFilter { Motivations = ["commenting"] }, 0, 250);
        yield return ("all painting, a page", all, "the", new AnnotationFilter { Motivations = ["painting"] }, 10, 10);
        yield return ("all by user", all, "the", new AnnotationFilter { Users = [DemoInstitution.Commenter] }, 0, 250);
        yield return ("all by date", all, "the", new AnnotationFilter { Dates = [new DateRange(From2021, To2022)] }, 0, 250);
    }

    [Fact]
    public void Search_FixedQuerySet_GivesThePinnedAnswers()
    {
        PinnedFile.AssertMatches(PinnedAnswersPath, Describe(_fixture.Search));
    }

    [Fact]
    public void Search_FixedQuerySet_HasHitsAcrossScopesAndPages()
    {
        // The pinned set exercises what it claims to: several segments, paging past the first, word boxes and
        // published annotations, collection scopes.
        Assert.Equal(PinnedInstitution.Commits, _fixture.Index.GetStatistics().Segments);
        var common = Run(SearchScope.All, "the", AnnotationFilter.None, 100, 30);
        Assert.True(common.Total > 130, $"'the' has {common.Total} hits");
        Assert.Equal(30, common.Hits.Count);
        var collection = Run(new SearchScope(SearchScopeKind.Collection, PinnedInstitution.NestedCollectionUri), "mill", AnnotationFilter.None, 0, 250);
        Assert.NotEmpty(collection.Hits);
        var aggregate = Run(SearchScope.All, "charter", AnnotationFilter.None, 0, 250);
        Assert.Contains(aggregate.Annotations, a => a.Region is not null);
        Assert.Equal(aggregate.Hits.Count, aggregate.Annotations.Select(a => a.LocalId).Distinct().Count());
        Assert.True(aggregate.Annotations.Select(a => a.ManifestUri).Distinct().Count() > 5);
    }

    /// <summary>The pinned file's text: the answers of the fixed query set from <paramref name="search"/>.</summary>
    internal static string Describe(IContentSearch search)
    {
        var text = new StringBuilder();
        foreach (var (name, scope, q, filter, start, pageSize) in Queries())
        {
            var result = Run(search, scope, q, filter, start, pageSize);
            text.Append(CultureInfo.InvariantCulture, $"## {name}: {scope.Kind} {scope.Uri} q={q} start={start} size={pageSize}\n");
            text.Append(CultureInfo.InvariantCulture, $"total={result.Total} start={result.StartIndex} size={result.PageSize} hits={result.Hits.Count} annotations={result.Annotations.Count()}\n");
            foreach (var annotation in result.Annotations)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"A local:{annotation.LocalId} [{annotation.Text}] {annotation.Motivation} {annotation.Language} " +
                    $"{annotation.CanvasId}#{annotation.Region?.ToXywh()} {annotation.ManifestUri} {annotation.ManifestKey} '{annotation.ManifestLabel.GetValue()}' " +
                    $"{annotation.Creator} {annotation.Created?.ToString("O", CultureInfo.InvariantCulture)}\n");
            }

            foreach (var hit in result.Hits)
            {
                text.Append(CultureInfo.InvariantCulture, $"H local:{hit.Annotation.LocalId} [{hit.Before}|{hit.Match}|{hit.After}]\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The pinned answers as checked in.</summary>
    internal static string Pinned() => File.ReadAllText(PinnedAnswersPath);

    private ContentSearchResult Run(SearchScope scope, string q, AnnotationFilter filter, int start, int pageSize) =>
        Run(_fixture.Search, scope, q, filter, start, pageSize);

    private static ContentSearchResult Run(IContentSearch search, SearchScope scope, string q, AnnotationFilter filter, int start, int pageSize)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out var error), error);
        return search.Search(new ContentSearchRequest { Scope = scope, Query = query, Filter = filter, StartIndex = start, PageSize = pageSize });
    }
}
