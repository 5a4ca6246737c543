using System.Collections.Concurrent;
using IiifHarvester.Crawling.Collections;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Collections;

public sealed class CollectionWalkerTests
{
    private static readonly FetchPolicy Policy = CrawlerHost.Loopback with { RespectRobotsTxt = false };

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Walk_NestedCollectionsWithRepeatsAndCycles_YieldsEachManifestOnceAndFetchesEachCollectionOnce(int version)
    {
        // Each sub-collection also lists the next one's first manifest (a repeat) and the top collection (a cycle).
        using var institution = WireMockInstitution.Create().WithManifests(12).WithPresentationVersion(version).WithCollections(subCollections: 3).Build();
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest());

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        var manifests = items.OfType<ManifestReference>().Select(m => m.ManifestId).ToList();
        Assert.True(summary.Complete);
        Assert.Equal(4, summary.Collections);
        Assert.Equal(12, summary.Manifests);
        Assert.Equal(6, summary.Repeats); // each sub-collection's extra manifest is listed by two, and each lists the top
        Assert.Equal(Enumerable.Range(0, 12).Select(i => institution.ManifestUri(i).AbsoluteUri).Order(), manifests.Order());
        Assert.All(items.OfType<CollectionDocument>().Where(c => c.ParentId is not null), c => Assert.Equal(1, c.Depth));
        Assert.Equal(1, institution.RequestCount("/collections/top.json"));
        Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(1, institution.RequestCount($"/collections/sub-{j}.json")));
        Assert.Equal(0, institution.RequestCount("/manifests/0.json"));
    }

    [Fact]
    public async Task Walk_PagedV2Collection_FollowsFirstAndNextAndGivesThePagesMembersToTheCollection()
    {
        using var institution = WireMockInstitution.Create().WithManifests(25).WithCollections(v2PageSize: 10).Build();
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest());

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.True(summary.Complete);
        Assert.Equal(4, summary.Collections);
        Assert.Equal(25, items.OfType<ManifestReference>().Select(m => m.ManifestId).Distinct().Count());
        Assert.All(items.OfType<CollectionDocument>(), c => Assert.Equal(0, c.Depth));
        Assert.All(Enumerable.Range(0, 3), p => Assert.Equal(1, institution.RequestCount($"/collections/page-{p}.json")));
        var top = institution.CollectionUri.AbsoluteUri;
        Assert.Equal([null, top, top, top], items.OfType<CollectionDocument>().Select(c => c.PageOf));
        Assert.All(items.OfType<ManifestReference>(), m => Assert.Equal(top, m.CollectionId));
    }

    [Fact]
    public async Task Walk_PageWhoseNextPointsBack_StopsWithoutRefetching()
    {
        using var institution = WireMockInstitution.Create().WithManifests(0).Build();
        var b = institution.BaseUrl;
        Serve(institution, "/paged.json", $$"""{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{b}}/paged.json","@type":"sc:Collection","label":"P","first":"{{b}}/p0.json"}""");
        Serve(institution, "/p0.json", V2Page(b, "/p0.json", "/p1.json", 0));
        Serve(institution, "/p1.json", V2Page(b, "/p1.json", "/p0.json", 1));
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.Url("/paged.json"), new CollectionWalkRequest());

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.Equal(3, summary.Collections);
        Assert.Equal(2, summary.Manifests);
        Assert.Equal(1, summary.Repeats); // p1's next, back to p0
        Assert.Equal(1, LogCount(institution, "/p0.json"));
        Assert.Equal(1, LogCount(institution, "/p1.json"));
    }

    [Fact]
    public async Task Walk_DeeperThanMaxDepth_StopsThereAndIsIncomplete()
    {
        using var institution = WireMockInstitution.Create().WithManifests(0).Build();
        var b = institution.BaseUrl;
        for (var level = 0; level < 5; level++)
        {
            var child = level < 4 ? $$$""",{"id":"{{{b}}}/c{{{level + 1}}}.json","type":"Collection","label":{"en":["c{{{level + 1}}}"]}}""" : string.Empty;
            Serve(institution, $"/c{level}.json", $$$"""{"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{b}}}/c{{{level}}}.json","type":"Collection","label":{"en":["c{{{level}}}"]},"items":[{"id":"{{{b}}}/m{{{level}}}.json","type":"Manifest","label":{"en":["m"]}}{{{child}}}]}""");
        }

        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.Url("/c0.json"), new CollectionWalkRequest { MaxDepth = 2 });

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.False(summary.Complete);
        Assert.Contains(summary.Warnings, w => w.Contains("MaxDepth", StringComparison.Ordinal));
        Assert.Equal(["m0", "m1", "m2"], items.OfType<ManifestReference>().Select(m => m.ManifestId[(b.Length + 1)..^5]));
        Assert.Equal(0, LogCount(institution, "/c3.json"));
    }

    [Fact]
    public async Task Walk_MaxCollections_StopsAndIsIncomplete()
    {
        using var institution = WireMockInstitution.Create().WithManifests(10).WithCollections(subCollections: 5).Build();
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest { MaxCollections = 3 });

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.False(summary.Complete);
        Assert.Equal(3, summary.Collections);
        Assert.Equal(3, items.OfType<CollectionDocument>().Count());
        Assert.Contains(summary.Warnings, w => w.Contains("MaxCollections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Walk_MaxManifests_StopsYieldingAndIsIncomplete()
    {
        using var institution = WireMockInstitution.Create().WithManifests(50).WithCollections(subCollections: 5).Build();
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest { MaxManifests = 7 });

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.False(summary.Complete);
        Assert.Equal(7, items.OfType<ManifestReference>().Count());
        Assert.Equal(7, summary.Manifests);
    }

    [Fact]
    public async Task Walk_SecondRunWithStoredCopies_CostsOne304PerCollectionAndYieldsTheSame()
    {
        using var institution = WireMockInstitution.Create().WithManifests(12).WithCollections(subCollections: 3).Build();
        using var host = new CrawlerHost();
        var store = new ConcurrentDictionary<string, CachedDocument>(StringComparer.Ordinal);
        var request = new CollectionWalkRequest
        {
            GetCached = (uri, _) => ValueTask.FromResult(store.GetValueOrDefault(uri.AbsoluteUri)),
        };

        var first = await WalkAsync(host, institution.CollectionUri, request);
        foreach (var doc in first.OfType<CollectionDocument>())
        {
            store[doc.Uri.AbsoluteUri] = new CachedDocument(doc.Body.ToArray()) { ETag = doc.Fetch.ETag, LastModified = doc.Fetch.LastModified };
        }

        var requestsBefore = institution.TotalRequests;
        var second = await WalkAsync(host, institution.CollectionUri, request);

        var summary = Assert.IsType<CollectionWalkSummary>(second[^1]);
        Assert.True(summary.Complete);
        Assert.Equal(4, summary.Unchanged);
        Assert.All(second.OfType<CollectionDocument>(), c => Assert.True(c.IsUnchanged));
        Assert.Equal(4, institution.TotalRequests - requestsBefore);
        Assert.Equal(
            first.OfType<ManifestReference>().Select(m => m.ManifestId).Order(),
            second.OfType<ManifestReference>().Select(m => m.ManifestId).Order());
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("html")]
    [InlineData("503")]
    [InlineData("403")]
    [InlineData("manifest")]
    public async Task Walk_BrokenSubCollection_IsAFailureAndTheRestIsWalked(string fault)
    {
        using var institution = WireMockInstitution.Create().WithManifests(12).WithCollections(subCollections: 3).Build();
        institution.SetFault("/collections/sub-1.json", fault switch
        {
            "truncated" => InstitutionFault.WithBody("{\"@context\":\"http://iiif.io/api/presentation/3/context.json\",\"id\":\"x\",\"type\":\"Collec"),
            "html" => InstitutionFault.WithBody("<html><body>Service temporarily unavailable</body></html>", "text/html"),
            "503" => InstitutionFault.WithStatus(503),
            "403" => InstitutionFault.WithStatus(403),
            _ => InstitutionFault.RedirectTo("/manifests/0.json"),
        });
        using var host = new CrawlerHost(o => o.MaxRetries = 1);

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest());

        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        var failure = Assert.Single(items.OfType<CollectionFailure>());
        Assert.False(summary.Complete);
        Assert.Equal(1, summary.Failures);
        Assert.EndsWith("/collections/sub-1.json", failure.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(3, summary.Collections);

        // Sub-collections 0 and 2 list every manifest but sub-1's own (4, 7, 10; 1 is repeated by sub-0).
        Assert.Equal(9, items.OfType<ManifestReference>().Count());
    }

    [Fact]
    public async Task Walk_RootUnreachable_YieldsAFailureAndAnIncompleteSummary()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).WithCollections().Build();
        institution.SetFault("/collections/top.json", InstitutionFault.WithStatus(404));
        using var host = new CrawlerHost();

        var items = await WalkAsync(host, institution.CollectionUri, new CollectionWalkRequest());

        Assert.IsType<CollectionFailure>(items[0]);
        var summary = Assert.IsType<CollectionWalkSummary>(items[^1]);
        Assert.False(summary.Complete);
        Assert.Equal(0, summary.Collections);
        Assert.Empty(items.OfType<ManifestReference>());
    }

    private static async Task<List<CollectionWalkItem>> WalkAsync(CrawlerHost host, Uri root, CollectionWalkRequest request)
    {
        var items = new List<CollectionWalkItem>();
        await foreach (var item in host.Collections.WalkAsync(root, request, Policy, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    private static void Serve(WireMockInstitution institution, string path, string json) =>
        institution.Server.Given(Request.Create().UsingGet().WithPath(path)).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/ld+json").WithBody(json));

    private static int LogCount(WireMockInstitution institution, string path) =>
        institution.Server.LogEntries.Count(e => e.RequestMessage!.Path == path);

    private static string V2Page(string b, string path, string next, int index) =>
        $$"""{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{b}}{{path}}","@type":"sc:Collection","label":"page","within":"{{b}}/paged.json","next":"{{b}}{{next}}","manifests":[{"@id":"{{b}}/m{{index}}.json","@type":"sc:Manifest","label":"m{{index}}"}]}""";
}
