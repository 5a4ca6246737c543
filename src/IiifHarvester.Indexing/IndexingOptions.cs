namespace IiifHarvester.Indexing;

/// <summary>Settings of the Lucene index and of the searches run on it (configuration section <c>Indexing</c>).</summary>
public sealed class IndexingOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "Indexing";

    /// <summary>
    /// The index directory.
    /// </summary>
    /// <value>Set by the host to <c>{Data:Directory}/index</c> unless configured.</value>
    public string? Directory { get; set; }

    /// <summary>Keeps the index in memory only (tests, throw-away demos).</summary>
    /// <value>Default: <see langword="false"/>.</value>
    public bool InMemory { get; set; }

    /// <summary>The writer's RAM buffer before it flushes a segment, in megabytes.</summary>
    /// <value>Default: 64.</value>
    public double RamBufferMegabytes { get; set; } = 64;

    /// <summary>
    /// How often readers are refreshed to see uncommitted changes (near-real-time) while searches come in; with no
    /// searches in an interval the refresh is skipped (it would flush a small segment for nobody), and the first
    /// search after a quiet spell sees changes from the next refresh on. A commit refreshes at once.
    /// </summary>
    /// <value>Default: 1 second. Zero turns the timer off (readers then move on commits only).</value>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Hits per Content Search page. Universal Viewer follows every <c>next</c> before it shows anything and
    /// every page costs a full count of the hits, so pages are large: a 500-page book with a common word is a
    /// handful of requests, and a page stays well under 200 KB of JSON.
    /// </summary>
    /// <value>Default: 250.</value>
    public int PageSize { get; set; } = 250;

    /// <summary>Longest <c>q</c> accepted, in characters; longer queries get a 400.</summary>
    /// <value>Default: 256.</value>
    public int MaxQueryLength { get; set; } = 256;

    /// <summary>Most words and phrases in one query; more get a 400.</summary>
    /// <value>Default: 16.</value>
    public int MaxQueryTerms { get; set; } = 16;

    /// <summary>Most terms an autocomplete answer lists.</summary>
    /// <value>Default: 20.</value>
    public int AutocompleteLimit { get; set; } = 20;

    /// <summary>Most index terms an autocomplete request looks at (bounds its cost for short prefixes).</summary>
    /// <value>Default: 4096.</value>
    public int AutocompleteScanLimit { get; set; } = 4096;

    /// <summary>Catalog results per page.</summary>
    /// <value>Default: 20.</value>
    public int CatalogPageSize { get; set; } = 20;

    /// <summary>Values listed per facet in catalog answers.</summary>
    /// <value>Default: 20.</value>
    public int FacetLimit { get; set; } = 20;

    /// <summary>Characters of context given before and after a hit (<c>before</c>/<c>after</c>, <c>prefix</c>/<c>suffix</c>).</summary>
    /// <value>Default: 64.</value>
    public int ContextLength { get; set; } = 64;
}
