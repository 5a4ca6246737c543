using IiifHarvester.Iiif.Identity;
using IiifHarvester.Images;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Resources;
using IiifHarvester.Web.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>The lookup handler called with a bound request, without a server (and, as here, without an image catalog).</summary>
public sealed class ResourceHandlerTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task Get_NoUri_IsBadRequestAskingForIt(string? uri)
    {
        var answer = await ResourceEndpoints.Get(Request(uri), Services(), CancellationToken.None);

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((400, "Give the resource's original id as ?uri=."), (error.StatusCode, error.Message));
    }

    [Fact]
    public async Task Get_UnharvestedUri_IsNotFoundNamingTheKeyItWouldHave()
    {
        const string Uri = "https://nowhere.example.org/m";

        var answer = await ResourceEndpoints.Get(Request(" " + Uri + " "), Services(), CancellationToken.None);

        var error = Assert.IsType<IiifJsonError>(answer.Result);
        Assert.Equal((404, $"'{Uri}' has not been harvested (its key would be {ResourceKey.For(Uri)})."), (error.StatusCode, error.Message));
    }

    private static ResourceRequest Request(string? uri) => new(uri, PublicUrls.For("https://agg.example"), null);

    private ResourceServices Services()
    {
        var services = _host.Services;
        return new ResourceServices(
            services.GetRequiredService<IContentSearch>(),
            services.GetRequiredService<IOptions<SearchApiOptions>>(),
            services.GetRequiredService<IOptions<ImagesOptions>>(),
            Images: null);
    }
}
