using System.Text;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Indexing;

/// <summary>What the feeder does with a stored document the index cannot take.</summary>
public sealed class IndexFeederTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task CatchUp_ADocumentTheIndexRefuses_KeepsItsIndexedVersionAndIndexesTheOthers()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri));
        await harness.HarvestAsync("inst");
        var hostile = institution.ManifestUri(1).AbsoluteUri;
        var later = institution.Url("/manifests/later.json").AbsoluteUri;

        // A rights value over the 32766 bytes Lucene takes as one term: the index refuses the whole document.
        await Put(harness, hostile, "http://rightsstatements.org/vocab/InC/1.0/" + new string('x', 40_000));
        await Put(harness, later, "http://rightsstatements.org/vocab/InC/1.0/");
        await harness.Feeder.CatchUpAsync(commit: true, default);

        var search = harness.Get<IContentSearch>();
        Assert.Equal(["Manifest 1"], search.FindByUri(hostile)!.Label.AllValues);
        Assert.NotNull(search.FindByUri(later));
    }

    private static Task Put(HarvestHarness harness, string uri, string rights) =>
        harness.Store.PutAsync(
            new DocumentWrite
            {
                Uri = uri,
                SourceKey = "inst",
                Kind = DocumentKind.Manifest,
                Body = Encoding.UTF8.GetBytes(
                    "{\"@context\":\"http://iiif.io/api/presentation/3/context.json\",\"id\":\"" + uri + "\",\"type\":\"Manifest\",\"label\":{\"en\":[\"x\"]}," +
                    "\"rights\":\"" + rights + "\",\"items\":[]}"),
                FetchedAt = DateTimeOffset.UnixEpoch,
            },
            default);
}
