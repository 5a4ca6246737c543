namespace IiifHarvester.Images.Upstream;

/// <summary>What an upstream response must be.</summary>
public enum UpstreamKind
{
    /// <summary>An info.json (JSON).</summary>
    Json,

    /// <summary>An image.</summary>
    Image,
}
