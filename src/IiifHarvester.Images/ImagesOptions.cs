namespace IiifHarvester.Images;

/// <summary>Options of the Image API proxy cache, bound from the <c>Images</c> configuration section.</summary>
public sealed class ImagesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Images";

    /// <summary>Where derivatives and info documents are cached.</summary>
    /// <value>Set by the host to <c>{Data:Directory}/image-cache</c> unless configured.</value>
    public string CacheDirectory { get; set; } = string.Empty;

    /// <summary>Bytes of small cached bodies also kept in memory, so hot tiles are answered without opening a file.</summary>
    /// <value>Default: 128 MiB.</value>
    public long MemoryCacheBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>The largest body kept in the memory tier.</summary>
    /// <value>Default: 512 KiB.</value>
    public int MemoryCacheMaxEntryBytes { get; set; } = 512 * 1024;

    /// <summary>The cache's size cap in bytes; least recently used entries are evicted past it.</summary>
    /// <value>Default: 2 GiB.</value>
    public long MaxCacheBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long a cached entry is served without asking the upstream; after it, the entry is revalidated.</summary>
    /// <value>Default: 1 day.</value>
    public TimeSpan Freshness { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an upstream error is remembered (and answered without asking again).</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan ErrorTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest upstream response read, in bytes; larger ones are refused with a 502.</summary>
    /// <value>Default: 64 MiB.</value>
    public long MaxUpstreamBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The time one upstream request may take, headers and body; past it the client gets a 504.</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether level 0 upstreams are served at level 2 by composing from their tiles with libvips.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool UpgradeLevel0 { get; set; } = true;

    /// <summary>
    /// How long a found image service is remembered before the registry is asked again (zero: ask on every request).
    /// Unknown keys are never remembered.
    /// </summary>
    /// <value>Default: 1 minute.</value>
    public TimeSpan RegistryLookupDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The route prefix of the image endpoints.</summary>
    /// <value>Default: <c>/iiif/image</c>.</value>
    public string RoutePrefix { get; set; } = "/iiif/image";

    /// <summary>
    /// The largest output area (pixels) we serve, advertised as <c>maxArea</c> in every info.json (with the upstream's own
    /// limits when smaller): it bounds <c>max</c>, <c>^max</c>, upscaling and every image made locally.
    /// </summary>
    /// <value>Default: 25,000,000 (5000×5000).</value>
    public long MaxComposedArea { get; set; } = 25_000_000;

    /// <summary>
    /// The most pixels an upstream image may claim before we decode it for a local transform (decompression bombs are
    /// refused with a 502 before decoding).
    /// </summary>
    /// <value>Default: 100,000,000.</value>
    public long MaxDecodedPixels { get; set; } = 100_000_000;

    /// <summary>The most upstream tiles one locally composed answer may need.</summary>
    /// <value>Default: 400.</value>
    public int MaxComposedTiles { get; set; } = 400;

    /// <summary>How many upstream requests one composition or warm-up runs at once.</summary>
    /// <value>Default: 6.</value>
    public int UpstreamParallelism { get; set; } = 6;

    /// <summary>
    /// The box the warm-up's <c>thumbnail</c> size fits in (<c>full/!n,n/0/default.jpg</c>): the portal's result
    /// thumbnails, so that warming fills the very entries its search pages ask for.
    /// </summary>
    /// <value>Default: 192.</value>
    public int WarmThumbnailSize { get; set; } = 192;

    /// <summary>Whether a harvest that added or updated documents is followed by warming its sources' thumbnails.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool WarmAfterHarvest { get; set; } = true;

    /// <summary>The most tiles the warm-up fetches for one image.</summary>
    /// <value>Default: 2000.</value>
    public int WarmMaxTilesPerImage { get; set; } = 2000;
}
