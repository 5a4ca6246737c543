using System.Text;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.TestUtilities;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// Documents encoded as institutions really serve them (a byte order mark, UTF-16, a legacy charset) are harvested as
/// the text a browser reads: what reaches the index has its accents, not mojibake and not a rejection.
/// </summary>
public sealed class DocumentEncodingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose()
    {
        _server.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_AnnotationListWithAByteOrderMark_IsStoredAndSearchable()
    {
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/m.json";
        var canvas = $"{baseUrl}/canvas/1";
        ServeStream(manifest);
        Serve("/m.json", Encoding.UTF8.GetBytes($$$"""
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{{manifest}}}","@type":"sc:Manifest","label":"Letters",
             "sequences":[{"@type":"sc:Sequence","canvases":[{"@id":"{{{canvas}}}","@type":"sc:Canvas","label":"p. 1","width":1000,"height":1000,
               "otherContent":[{"@id":"{{{baseUrl}}}/list.json","@type":"sc:AnnotationList"}]}]}]}
            """), "application/json");
        Serve("/list.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($$$"""
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{{baseUrl}}}/list.json","@type":"sc:AnnotationList",
             "resources":[{"@id":"{{{baseUrl}}}/list/0","@type":"oa:Annotation","motivation":"sc:painting",
               "resource":{"@type":"cnt:ContentAsText","chars":"zauberhafte Grüße"},"on":"{{{canvas}}}#xywh=0,0,900,40"}]}
            """)], "application/json");
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json"));

        var result = await harness.HarvestAsync("inst");

        Assert.True(result.Counts.Failed == 0, string.Join("; ", result.Errors));
        var search = harness.Get<IContentSearch>();
        Assert.True(UserQuery.TryParse("zauberhafte", 256, 16, out var query, out var error), error);
        Assert.Single(search.Search(new ContentSearchRequest { Scope = SearchScope.For(search.FindByUri(manifest)!), Query = query }).Hits);
    }

    [Theory]
    [InlineData("utf-16", "application/json")]
    [InlineData("utf-16BE", "application/ld+json; charset=UTF-16")]
    [InlineData("windows-1252", "application/json; charset=ISO-8859-1")]
    [InlineData("windows-1252", "application/json;charset=windows-1252")]
    // A server's default charset on a body that is really UTF-8 (the common case): it stays UTF-8.
    [InlineData("utf-8", "application/json; charset=ISO-8859-1")]
    public async Task Harvest_ManifestInUtf16OrALegacyCharset_KeepsItsAccentsInTheIndex(string encoding, string contentType)
    {
        const string Label = "Café Müller – „Grüße“";
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/m.json";
        ServeStream(manifest);
        var text = CodePagesEncodingProvider.Instance.GetEncoding(encoding) ?? Encoding.GetEncoding(encoding);
        var json = $$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{manifest}}}","type":"Manifest","label":{"de":["{{{Label}}}"]},
             "items":[{"id":"{{{baseUrl}}}/canvas/1","type":"Canvas","width":1000,"height":1000,"items":[]}]}
            """;
        var preamble = encoding.StartsWith("utf-16", StringComparison.Ordinal) ? text.GetPreamble() : [];
        Serve("/m.json", [.. preamble, .. text.GetBytes(json)], contentType);
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json"));

        var result = await harness.HarvestAsync("inst");

        Assert.True(result.Counts.Failed == 0, string.Join("; ", result.Errors));
        Assert.Equal([Label], harness.Get<IContentSearch>().FindByUri(manifest)!.Label.AllValues);
    }

    private void ServeStream(string manifest)
    {
        var baseUrl = _server.Url!;
        Serve("/stream.json", Encoding.UTF8.GetBytes($$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/stream.json","type":"OrderedCollection","last":{"id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage"}}"""), "application/json");
        Serve("/page.json", Encoding.UTF8.GetBytes($$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage","orderedItems":[{"type":"Create","object":{"id":"{{{manifest}}}","type":"Manifest"},"endTime":"2026-01-01T00:00:00Z"}]}"""), "application/json");
    }

    private void Serve(string path, byte[] body, string contentType) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));
}
