namespace IiifHarvester.Crawling.Discovery;

/// <summary>How far back a Discovery walk goes.</summary>
public enum DiscoveryWalkMode
{
    /// <summary>Back to the checkpoint minus the overlap window (§3.5.2 step 1); the whole stream when there is no checkpoint.</summary>
    Incremental,

    /// <summary>
    /// The whole stream as on a first crawl, ignoring the checkpoint: the periodic reconciliation. Its Upserts are every
    /// object the stream still states; whatever the store holds for the source beyond them has disappeared (streams that
    /// only ever say Create never tell us so otherwise).
    /// </summary>
    Full,
}
