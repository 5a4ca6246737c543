using IiifHarvester.Indexing.Threading;

namespace IiifHarvester.Harvesting;

/// <summary>How harvesting runs.</summary>
public sealed class HarvestingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Harvesting";

    /// <summary>Whether the Quartz scheduler runs the sources' schedules (off for one-shot verbs).</summary>
    /// <value>Defaults to true.</value>
    public bool Schedule { get; set; } = true;

    /// <summary>
    /// How a harvest's parsing, storing and indexing (and Lucene's merges) yield the cores to searches: <c>Idle</c>
    /// (Linux's SCHED_IDLE), <c>Nice</c> (nice 10) or <c>Normal</c>. Applied once, as the host starts.
    /// </summary>
    /// <value>
    /// Defaults to <c>Idle</c>, the best on a machine of its own. On a machine whose cores other processes keep busy
    /// (a database beside it, other services), take <c>Nice</c>: there idle-policy threads get almost no time, and
    /// every garbage collection waits for them to stop (README, "Harvests yield to searches").
    /// </value>
    public BackgroundPolicy BackgroundPolicy { get; set; } = BackgroundPolicy.Idle;

    /// <summary>How often a running harvest logs its progress.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Manifests in flight at once per source. Requests to each host are still paced by the source's politeness
    /// (<c>MaxConcurrency</c>, <c>RequestsPerSecond</c>, Crawl-delay); more manifests in flight than requests allowed
    /// keeps the allowed requests busy while other manifests are parsed and stored.
    /// </summary>
    /// <value>Defaults to 64, the value the harvest benchmark was tuned with.</value>
    public int Parallelism { get; set; } = 64;

    /// <summary>
    /// How often the index catches up with the store while a harvest runs. Each catch-up ends in a commit, and
    /// commits every second cost a third more CPU on a large harvest (many small segments to merge) than every ten.
    /// </summary>
    /// <value>Defaults to ten seconds.</value>
    public TimeSpan IndexInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a run's lease on its source lasts unless renewed (renewed every third of it while the run goes on).
    /// A process that dies holding it blocks the source's next run at most this long.
    /// </summary>
    /// <value>Defaults to one minute.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its second failure in a row a document is tried again (the first failure is retried at the next
    /// run); doubled each time it fails again.
    /// </summary>
    /// <value>Defaults to one hour.</value>
    public TimeSpan FailureRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The Quartz job store's SQLite file on an embedded (SQLite) store; PostgreSQL keeps it in its database.</summary>
    /// <value>Set by the host to <c>{Data:Directory}/quartz.db</c> unless configured.</value>
    public string? SchedulerDatabasePath { get; set; }

    /// <summary>
    /// How long a scheduled run that stopped because the store could not be read or written (a database down longer
    /// than its own retries wait) waits before it runs again, doubled each time up to five minutes; the new run
    /// resumes from the checkpoints.
    /// </summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a scheduled run stopped by the store runs again (0: left to the next scheduled run).</summary>
    /// <value>Defaults to 5.</value>
    public int StoreRetries { get; set; } = 5;

    /// <summary>The longest wait between two attempts at a document that keeps failing.</summary>
    /// <value>Defaults to seven days.</value>
    public TimeSpan FailureRetryMaxDelay { get; set; } = TimeSpan.FromDays(7);
}
