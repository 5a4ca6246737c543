using IiifHarvester.Sources.Status;
using IiifHarvester.Web.Home;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.Web.Tests.Home;

/// <summary><c>/healthz/ready</c>'s handler called with what it binds, without a server.</summary>
public sealed class ReadinessHandlerTests
{
    private static readonly IOptions<WebOptions> Web = Options.Create(new WebOptions { AdminKey = "secret" });

    [Fact]
    public void GetReadiness_NothingFailing_IsReady()
    {
        var answer = HomeEndpoints.GetReadiness(null, new WriteHealth(TimeProvider.System), Web, node: null);

        Assert.Equal((200, "ready"), (answer.StatusCode, answer.Value!.Status));
        Assert.Empty(answer.Value.Failing);
    }

    [Fact]
    public void GetReadiness_StoreFailingPublicView_IsUnavailableWithoutTheReason()
    {
        var health = new WriteHealth(TimeProvider.System);
        health.Failed(WriteHealth.Store, new IOException("/var/lib/iiif/store.db: disk full"));

        var answer = HomeEndpoints.GetReadiness("wrong", health, Web, node: null);

        Assert.Equal((503, "writes failing"), (answer.StatusCode, answer.Value!.Status));
        Assert.Null(answer.Value.Failing[WriteHealth.Store].Reason);
    }

    [Fact]
    public void GetReadiness_StoreFailingWithTheAdminKey_SaysWhy()
    {
        var health = new WriteHealth(TimeProvider.System);
        health.Failed(WriteHealth.Store, new IOException("disk full"));

        var answer = HomeEndpoints.GetReadiness("secret", health, Web, node: null);

        Assert.Equal("disk full", answer.Value!.Failing[WriteHealth.Store].Reason);
    }
}
