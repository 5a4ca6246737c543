namespace IiifHarvester.Web.Discovery;

/// <summary>The body of a 404 for a page of the stream that does not exist: <c>{"error": "..."}</c>.</summary>
internal sealed record DiscoveryPageNotFound(string Error);
