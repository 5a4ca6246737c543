using IiifHarvester.TestUtilities.Images;
using Xunit;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>One IIPImage + nginx upstream shared by a test collection.</summary>
public sealed class UpstreamFixture : IAsyncLifetime
{
    private IipImageUpstream? _upstream;

    public IipImageUpstream Upstream => _upstream ?? throw new InvalidOperationException("The upstream did not start.");

    public async Task InitializeAsync() => _upstream = await IipImageUpstream.StartAsync(RepositoryPaths.SharedImages);

    public async Task DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UpstreamCollection : ICollectionFixture<UpstreamFixture>
{
    public const string Name = "IIPImage upstream";
}
