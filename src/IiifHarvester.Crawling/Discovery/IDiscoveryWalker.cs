using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>Walks a Change Discovery 1.0 stream as §3.5 describes, from <c>last</c> back through <c>prev</c>.</summary>
public interface IDiscoveryWalker
{
    /// <summary>
    /// Walks the stream at <paramref name="streamUri"/> back to the request's checkpoint (minus the overlap). Never throws
    /// for network, HTTP or parse problems: they make the result incomplete. Throws <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<DiscoveryWalkResult> WalkAsync(Uri streamUri, DiscoveryWalkRequest request, FetchPolicy policy, CancellationToken cancellationToken);
}
