using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// Documents that keep failing are recorded apart and retried on their own, the stream's checkpoint moving past them;
/// every stream document is requested once per run; a robots-blocked document is a skip, not a fetch. Request counts
/// are what the institution saw.
/// </summary>
public sealed class FailedDocumentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_StreamWithAPermanentlyFailingItem_CostsTheStreamRequestsPlusThatItemsRetryWhenDue()
    {
        using var institution = WireMockInstitution.Create().WithManifests(12).WithDiscoveryPageSize(4).Build();
        institution.SetFault("/manifests/3.json", InstitutionFault.WithStatus(401));
        var failing = institution.ManifestUri(3).AbsoluteUri;
        await using var harness = Harness(institution);

        var first = await harness.HarvestAsync("inst");

        Assert.Equal(1, first.Counts.Failed);
        Assert.Equal(11, (await harness.LiveManifestsAsync("inst")).Count);
        var recorded = Assert.Single(await harness.Store.GetFailuresAsync("inst", default));
        Assert.Equal(failing, recorded.Uri);
        Assert.Equal(1, recorded.Attempts);
        Assert.Contains("401", recorded.Reason, StringComparison.Ordinal);

        // The next run walks nothing again: the collection, the last page (304), and the failed item's first retry.
        var requests = new RequestLedger(institution);
        var second = await harness.HarvestAsync("inst");
        Assert.Equal(3, requests.Since());
        Assert.Equal(1, requests.Since("/discovery/collection.json"));
        Assert.Equal(1, requests.Since(LastPage(institution)));
        Assert.Equal(1, requests.Since("/manifests/3.json"));
        Assert.Equal(1, second.Counts.Failed);
        var retried = Assert.Single(await harness.Store.GetFailuresAsync("inst", default));
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(TimeSpan.FromHours(1), retried.NextAttemptAt - retried.LastFailedAt);

        // Not due: the stream's two requests only.
        requests = new RequestLedger(institution);
        var third = await harness.HarvestAsync("inst");
        Assert.Equal(2, requests.Since());
        Assert.Equal(0, third.Counts.Failed);

        // Due again (its hour passed): retried alone, and its next delay doubles.
        await harness.Store.PutFailureAsync(retried with { NextAttemptAt = retried.LastFailedAt }, default);
        requests = new RequestLedger(institution);
        await harness.HarvestAsync("inst");
        Assert.Equal(3, requests.Since());
        var again = Assert.Single(await harness.Store.GetFailuresAsync("inst", default));
        Assert.Equal(3, again.Attempts);
        Assert.Equal(TimeSpan.FromHours(2), again.NextAttemptAt - again.LastFailedAt);

        // The institution answers: the retry harvests it and the record is gone.
        institution.ClearFault("/manifests/3.json");
        await harness.Store.PutFailureAsync(again with { NextAttemptAt = again.LastFailedAt }, default);
        var healed = await harness.HarvestAsync("inst");
        Assert.Equal(0, healed.Counts.Failed);
        Assert.Empty(await harness.Store.GetFailuresAsync("inst", default));
        Assert.Contains(failing, await harness.LiveManifestsAsync("inst"));
        Assert.Equal(12, harness.Index.GetStatistics().Manifests);
    }

    [Fact]
    public async Task Harvest_FirstRun_RequestsEveryStreamDocumentOnce()
    {
        using var institution = WireMockInstitution.Create().WithManifests(12).WithDiscoveryPageSize(4).Build();
        await using var harness = Harness(institution);

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        Assert.Equal(1, institution.RequestCount("/discovery/collection.json"));
        Assert.All(Enumerable.Range(0, institution.PageCount), p => Assert.Equal(1, institution.RequestCount($"/discovery/page-{p}.json")));
    }

    [Fact]
    public async Task Harvest_RobotsDisallowsADocument_CountsItSkippedWithItsReasonNotFetched()
    {
        using var institution = WireMockInstitution.Create().WithManifests(4).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nDisallow: /manifests/2.json\n"));
        await using var harness = Harness(institution);

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, institution.RequestCount("/manifests/2.json"));
        Assert.Equal(1, result.Counts.Skipped);
        Assert.Equal(0, result.Counts.Failed);
        var documentRequests = institution.TotalRequests - institution.RequestCount("/robots.txt")
            - institution.RequestCount("/discovery/collection.json") - Enumerable.Range(0, institution.PageCount).Sum(p => institution.RequestCount($"/discovery/page-{p}.json"));
        Assert.Equal(documentRequests, result.Counts.Fetched);
        Assert.Contains(result.Errors, e => e.Contains("/manifests/2.json: skipped: robots.txt disallows it", StringComparison.Ordinal));
        Assert.Contains("robots.txt", Assert.Single(await harness.Store.GetFailuresAsync("inst", default)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Harvest_304ToAManifestNeverHarvested_IsRecordedAsAFailure()
    {
        // A cache in front of the institution answering 304 to a request that named no stored copy: there is nothing
        // to keep, so it is a failure to retry, not "unchanged".
        using var institution = WireMockInstitution.Create().WithManifests(4).Build();
        institution.SetFault("/manifests/2.json", InstitutionFault.WithStatus(304));
        await using var harness = Harness(institution);

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(1, result.Counts.Failed);
        Assert.Equal(3, (await harness.LiveManifestsAsync("inst")).Count);
        var failure = Assert.Single(await harness.Store.GetFailuresAsync("inst", default));
        Assert.Equal(institution.ManifestUri(2).AbsoluteUri, failure.Uri);
        Assert.Contains("304", failure.Reason, StringComparison.Ordinal);
    }

    private static string LastPage(WireMockInstitution institution) => $"/discovery/page-{institution.PageCount - 1}.json";

    private HarvestHarness Harness(WireMockInstitution institution)
    {
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Sources:inst:StreamOverlap"] = "00:00:00";
        return new HarvestHarness(_dir.Path, settings);
    }

    /// <summary>Counts the requests an institution saw after it was made, robots.txt aside.</summary>
    private sealed class RequestLedger(WireMockInstitution institution)
    {
        private readonly int _total = Total(institution);
        private readonly Dictionary<string, int> _paths = new[] { "/discovery/collection.json", LastPage(institution), "/manifests/3.json" }
            .ToDictionary(p => p, institution.RequestCount, StringComparer.Ordinal);

        public int Since() => Total(institution) - _total;

        public int Since(string path) => institution.RequestCount(path) - _paths.GetValueOrDefault(path);

        private static int Total(WireMockInstitution institution) => institution.TotalRequests - institution.RequestCount("/robots.txt");
    }
}
