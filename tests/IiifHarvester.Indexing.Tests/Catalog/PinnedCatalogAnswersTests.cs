using System.Globalization;
using System.Text;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Catalog;

/// <summary>
/// Holds the catalog's answers to a fixed request set on a fixed index (<see cref="PinnedInstitution"/>, with
/// dates, change times, providers and rights varied so that every sort and facet has ties to break): every page's
/// objects in order with their hit counts and snippets, every total and every facet count, against
/// <c>PinnedCatalogAnswers.txt</c>. A change made for speed must not alter any of it. A change that means to alter
/// answers updates the file in the same commit: run with <c>PINNED_ANSWERS_UPDATE=1</c> and review the diff.
/// </summary>
public sealed class PinnedCatalogAnswersTests : IDisposable
{
    private static readonly string PinnedAnswersPath =
        Path.Combine(RepositoryPaths.Root, "tests", "IiifHarvester.Indexing.Tests", "Catalog", "PinnedCatalogAnswers.txt");

    private static readonly string[] Providers = ["Pinned Library", "Pinned Museum", "Pinned Archive"];

    private readonly IndexFixture _fixture = new();

    public PinnedCatalogAnswersTests() => PinnedInstitution.IndexInto(_fixture.Index, Catalogued());

    public void Dispose() => _fixture.Dispose();

    /// <summary>
    /// The pinned institution with what a catalog sorts and counts by varied: a navDate in one of seven years (none
    /// on every fifth manifest), a change time in one of three minutes with its own sequence, three providers, two
    /// rights statements; every fourth label names a charter.
    /// </summary>
    internal static IReadOnlyList<IndexedResource> Catalogued() =>
    [
        .. PinnedInstitution.All().Select((resource, n) => resource.Resource.Kind != PresentationKind.Manifest ? resource : resource with
        {
            ChangedAt = resource.ChangedAt.AddMinutes(n % 3),
            ChangeSequence = n + 1,
            Resource = resource.Resource with
            {
                // Some labels name a word that text has too: objects matched by both.
                Label = n % 4 == 1 ? DemoInstitution.Map(resource.Resource.Label.Values.First().Key, $"Pinned volume {n}, a charter of the abbey") : resource.Resource.Label,
                NavDate = n % 5 == 4 ? null : new DateTimeOffset(1400 + (n % 7 * 45), 1, 1, 0, 0, 0, TimeSpan.Zero),
                Providers = [new Agent { Id = "https://pinned.example.org/provider/" + (n % 3), Label = DemoInstitution.Map("en", Providers[n % 3]) }],
                Rights = n % 2 == 0 ? "http://creativecommons.org/publicdomain/mark/1.0/" : "http://rightsstatements.org/vocab/InC/1.0/",
            },
        }),
    ];

    /// <summary>(name, q, the request without its query): browsing and words, every sort, pages past the first and the last, filters, snippets.</summary>
    private static IEnumerable<(string Name, string? Q, CatalogRequest Request)> Requests()
    {
        var size = new CatalogRequest { PageSize = 10 };
        yield return ("browse", null, size);
        yield return ("browse, page 3", null, size with { Page = 3 });
        yield return ("browse, past the end", null, size with { Page = 9 });
        yield return ("browse, oldest first", null, size with { Sort = CatalogSort.DateAscending });
        yield return ("browse, newest date first, page 2", null, size with { Sort = CatalogSort.DateDescending, Page = 2 });
        yield return ("browse, last changed first", null, size with { Sort = CatalogSort.Newest });
        yield return ("browse, last changed first, page 3", null, size with { Sort = CatalogSort.Newest, Page = 3 });
        yield return ("browse Japanese", null, size with { Languages = ["ja"] });
        yield return ("browse collections", null, size with { Types = ["Collection"] });
        yield return ("browse a collection", null, size with { Collections = [PinnedInstitution.NestedCollectionUri], Sort = CatalogSort.DateAscending });
        yield return ("browse a century and a provider", null, size with { Centuries = [1400], Providers = ["Pinned Museum"] });
        yield return ("browse a decade", null, size with { Decades = [1490] });
        yield return ("browse transcribed", null, size with { TextKinds = [TextKinds.Transcription] });
        yield return ("word", "charter", size);
        yield return ("word, page 2", "charter", size with { Page = 2 });
        yield return ("word, oldest first", "charter", size with { Sort = CatalogSort.DateAscending });
        yield return ("word, last changed first", "charter", size with { Sort = CatalogSort.Newest, Page = 2 });
        yield return ("common word, a later page", "the", size with { PageSize = 5, Page = 3 });
        yield return ("common word, one snippet", "the", size with { Snippets = 1 });
        yield return ("common word, no snippets, a provider", "the", size with { Snippets = 0, Providers = ["Pinned Archive", "Pinned Library"] });
        yield return ("common word, rights", "the", size with { Rights = ["http://rightsstatements.org/vocab/InC/1.0/"], Sort = CatalogSort.DateDescending });
        yield return ("word in every label", "pinned", size);
        yield return ("word in labels, page 3", "pinned", size with { Page = 3 });
        yield return ("two words", "king charter", size);
        yield return ("phrase", "\"charter given\"", size);
        yield return ("stemmed", "birds", size);
        yield return ("Japanese", "図書館", size);
        yield return ("a collection's objects", "land", size with { Collections = [PinnedInstitution.TopCollectionUri] });
        yield return ("comments only", "note", size with { TextKinds = [TextKinds.Commentary] });
        yield return ("no hit", "nothingatall", size);
    }

    [Fact]
    public void SearchCatalog_FixedRequestSet_GivesThePinnedAnswers()
    {
        PinnedFile.AssertMatches(PinnedAnswersPath, Describe());
    }

    [Fact]
    public void SearchCatalog_FixedRequestSet_HasTiesPagesAndBothKindsOfMatch()
    {
        // The pinned set exercises what it claims to: several segments, ties in every sort key, pages past the first,
        // objects matched by metadata alone, by text alone and by both.
        Assert.Equal(PinnedInstitution.Commits, _fixture.Index.GetStatistics().Segments);
        var resources = Catalogued().Where(r => r.Resource.Kind == PresentationKind.Manifest).ToList();
        Assert.Contains(resources.GroupBy(r => r.Resource.NavDate), g => g.Key is not null && g.Count() > 1);
        Assert.All(resources.GroupBy(r => r.ChangedAt), g => Assert.True(g.Count() > 1));

        var broad = Run("the", new CatalogRequest { PageSize = 5, Page = 3 });
        Assert.True(broad.Total > 15, $"'the' matches {broad.Total} objects");
        Assert.Equal(5, broad.Items.Count);
        var charter = Run("charter", new CatalogRequest { PageSize = 30 }).Items;
        Assert.Contains(charter, i => i.TextHits > 0 && !i.MetadataMatched);
        Assert.Contains(charter, i => i.TextHits > 0 && i.MetadataMatched);
        Assert.Contains(charter, i => i.TextHits == 0 && i.MetadataMatched);
        var labels = Run("pinned", new CatalogRequest { PageSize = 30 });
        Assert.Contains(labels.Items, i => i.MetadataMatched && i.TextHits == 0);
        Assert.All(labels.Items, i => Assert.Empty(i.Snippets));
        Assert.Contains(Run("the", new CatalogRequest { PageSize = 30 }).Items, i => i.Snippets.Count == 3);
    }

    private string Describe()
    {
        var text = new StringBuilder();
        foreach (var (name, q, request) in Requests())
        {
            var result = Run(q, request);
            text.Append(CultureInfo.InvariantCulture, $"## {name}: q={q} {Filters(request)} sort={request.Sort} page={request.Page} size={request.PageSize} snippets={request.Snippets}\n");
            text.Append(CultureInfo.InvariantCulture, $"total={result.Total} page={result.Page} size={result.PageSize} items={result.Items.Count}\n");
            foreach (var item in result.Items)
            {
                var resource = item.Resource;
                text.Append(CultureInfo.InvariantCulture,
                    $"O {resource.Uri} '{resource.Label.GetValue()}' {resource.Kind} hits={item.TextHits} metadata={item.MetadataMatched} " +
                    $"nav={resource.NavDate?.ToString("O", CultureInfo.InvariantCulture)} changed={resource.ChangedAt?.ToString("O", CultureInfo.InvariantCulture)}#{resource.ChangeSequence} " +
                    $"{string.Join('|', resource.Providers)} {resource.Rights}\n");
                foreach (var hit in item.Snippets)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"S local:{hit.Annotation.LocalId} {hit.Annotation.CanvasId}#{hit.Annotation.Region?.ToXywh()} [{hit.Before}|{hit.Match}|{hit.After}]\n");
                }
            }

            foreach (var (facet, values) in result.Facets.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"F {facet}: {string.Join(", ", values.Select(v => $"{v.Value}={v.Count}"))}\n");
            }
        }

        return text.ToString();
    }

    private static string Filters(CatalogRequest request) => string.Join(' ', new (string Name, IEnumerable<object> Values)[]
    {
        ("source", request.Sources), ("collection", request.Collections), ("language", request.Languages), ("type", request.Types),
        ("provider", request.Providers), ("rights", request.Rights), ("century", request.Centuries.Cast<object>()),
        ("decade", request.Decades.Cast<object>()), ("text", request.TextKinds),
    }.Where(f => f.Values.Any()).Select(f => $"{f.Name}={string.Join('|', f.Values)}"));

    private CatalogResult Run(string? q, CatalogRequest request)
    {
        UserQuery? query = null;
        Assert.True(q is null || UserQuery.TryParse(q, 256, 16, out query, out _), q);
        return _fixture.Search.SearchCatalog(request with { Query = query });
    }
}
