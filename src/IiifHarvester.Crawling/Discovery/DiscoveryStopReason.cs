namespace IiifHarvester.Crawling.Discovery;

/// <summary>Why a Discovery walk stopped.</summary>
public enum DiscoveryStopReason
{
    /// <summary>The oldest page was reached (no <c>prev</c>).</summary>
    EndOfStream,

    /// <summary>An activity older than the checkpoint minus the overlap was reached.</summary>
    ReachedCheckpoint,

    /// <summary>A Refresh was reached on a first crawl (everything before it is restated after it).</summary>
    Refresh,

    /// <summary>A <c>prev</c> pointed to a page already walked; treated as the end of the stream, with a warning.</summary>
    Cycle,

    /// <summary>A page could not be fetched or parsed: the walk is incomplete.</summary>
    PageFailed,

    /// <summary>The page limit was reached: the walk is incomplete.</summary>
    PageLimit,
}
