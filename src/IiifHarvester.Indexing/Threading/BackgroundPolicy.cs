namespace IiifHarvester.Indexing.Threading;

/// <summary>How background work (a harvest's parsing, storing and indexing; Lucene's merges) yields to searches.</summary>
public enum BackgroundPolicy
{
    /// <summary>
    /// Linux's SCHED_IDLE policy: a search that wakes takes the core at once. The best on a machine of its own; where
    /// other processes keep every core busy, the background threads get almost no time, and a garbage collection, which
    /// waits for every thread running .NET code to stop, waits for them (pauses of a second were measured).
    /// </summary>
    Idle,

    /// <summary>
    /// Nice 10 under the normal policy: a search gets about ten times a background thread's share of a core, and the
    /// background threads still run when other processes keep the cores busy, so collections do not wait long for them.
    /// </summary>
    Nice,

    /// <summary>Background work at normal priority, beside the request handlers.</summary>
    Normal,
}
