using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Caching;

/// <summary>
/// The on-disk cache: one body file and one metadata file per entry under <c>{cache dir}/{service key}/</c>, an index
/// in memory, a size cap with least-recently-used eviction. Files are written to a temporary name and moved into
/// place, so a crash never leaves a half-written entry that looks whole.
/// </summary>
internal sealed class DiskImageCache
{
    private readonly ConcurrentDictionary<string, Slot> _index = new(StringComparer.Ordinal);
    private readonly Lock _evictLock = new();
    private readonly ImagesOptions _options;
    private readonly ImagesStatistics _statistics;
    private readonly ILogger<DiskImageCache> _logger;
    private readonly string _root;
    private long _clock;
    private long _totalBytes;
    private long _memoryBytes;

    public DiskImageCache(IOptions<ImagesOptions> options, ImagesStatistics statistics, ILogger<DiskImageCache> logger)
    {
        _options = options.Value;
        _statistics = statistics;
        _logger = logger;
        _root = Path.GetFullPath(_options.CacheDirectory);
        Directory.CreateDirectory(_root);
        Load();
    }

    /// <summary>Bytes held.</summary>
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Entries held.</summary>
    public int Count => _index.Count;

    /// <summary>Looks an entry up and marks it used.</summary>
    public bool TryGet(string cacheKey, out CachedResource resource) => TryGet(cacheKey, out resource, out _);

    /// <summary>Looks an entry up, with its body when the memory tier holds it, and marks it used.</summary>
    public bool TryGet(string cacheKey, out CachedResource resource, out byte[]? body)
    {
        if (_index.TryGetValue(cacheKey, out var slot))
        {
            slot.LastUsed = Interlocked.Increment(ref _clock);
            resource = slot.Resource;
            body = slot.Body;
            return true;
        }

        resource = null!;
        body = null;
        return false;
    }

    /// <summary>Bytes of bodies held in memory.</summary>
    public long MemoryBytes => Interlocked.Read(ref _memoryBytes);

    /// <summary>
    /// Keeps a body in the memory tier (small bodies, within <see cref="ImagesOptions.MemoryCacheBytes"/>), so hot
    /// tiles are answered without opening a file. Returns whether it was kept.
    /// </summary>
    public bool TryKeepInMemory(string cacheKey, byte[] body)
    {
        if (body.Length > _options.MemoryCacheMaxEntryBytes || !_index.TryGetValue(cacheKey, out var slot) || slot.Body is not null)
        {
            return false;
        }

        if (Interlocked.Add(ref _memoryBytes, body.Length) > _options.MemoryCacheBytes)
        {
            Interlocked.Add(ref _memoryBytes, -body.Length);
            return false;
        }

        if (Interlocked.CompareExchange(ref slot.Body, body, null) is not null)
        {
            Interlocked.Add(ref _memoryBytes, -body.Length);
            return false;
        }

        // Removed meanwhile: give the memory back, as Remove could not see this body.
        if (!_index.TryGetValue(cacheKey, out var current) || !ReferenceEquals(current, slot))
        {
            if (ReferenceEquals(Interlocked.CompareExchange(ref slot.Body, null, body), body))
            {
                Interlocked.Add(ref _memoryBytes, -body.Length);
            }

            return false;
        }

        return true;
    }

    /// <summary>Stores a body and its metadata, replacing any older copy, then evicts past the cap.</summary>
    public async Task<CachedResource> StoreAsync(string serviceKey, string cacheKey, byte[] body, Func<string, string, CachedResource> describe, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_root, serviceKey);
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, FileStem(cacheKey));
        var bodyPath = stem + ".bin";
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12)) + "\"";
        var resource = describe(bodyPath, etag);

        await WriteAtomicallyAsync(bodyPath, body, cancellationToken);
        await WriteAtomicallyAsync(stem + ".json", JsonSerializer.SerializeToUtf8Bytes(resource, CacheMetadataContext.Default.CachedResource), cancellationToken);

        var slot = new Slot(resource) { LastUsed = Interlocked.Increment(ref _clock) };
        // Not AddOrUpdate with a capturing factory: when its update loses to a Remove, it retries as an add, and the
        // captured "replaced" would still name the removed slot, whose bytes Remove already gave back.
        Slot? replaced;
        while (true)
        {
            if (_index.TryGetValue(cacheKey, out var old))
            {
                if (_index.TryUpdate(cacheKey, slot, old))
                {
                    replaced = old;
                    break;
                }
            }
            else if (_index.TryAdd(cacheKey, slot))
            {
                replaced = null;
                break;
            }
        }

        Interlocked.Add(ref _totalBytes, resource.Length - (replaced?.Resource.Length ?? 0));
        // Exchange, not read: TryKeepInMemory may race to set or clear the old slot's body; one side gives it back.
        if (replaced is not null && Interlocked.Exchange(ref replaced.Body, null) is { } oldBody)
        {
            Interlocked.Add(ref _memoryBytes, -oldBody.Length);
        }

        TryKeepInMemory(cacheKey, body);
        EvictIfNeeded();
        return resource;
    }

    /// <summary>Records a successful revalidation: the copy is fresh again.</summary>
    public CachedResource Refresh(CachedResource resource, DateTimeOffset fetchedAt)
    {
        var refreshed = resource with { FetchedAt = fetchedAt };
        if (_index.TryGetValue(resource.CacheKey, out var slot))
        {
            slot.Resource = refreshed;
            slot.LastUsed = Interlocked.Increment(ref _clock);
        }

        try
        {
            var metaPath = Path.ChangeExtension(resource.BodyPath, ".json");
            File.WriteAllBytes(metaPath, JsonSerializer.SerializeToUtf8Bytes(refreshed, CacheMetadataContext.Default.CachedResource));
        }
        catch (IOException ex)
        {
            Log.DeleteFailed(_logger, resource.BodyPath, ex);
        }

        return refreshed;
    }

    /// <summary>Removes every entry of one image service; returns how many.</summary>
    public int PurgeService(string serviceKey)
    {
        var removed = 0;
        foreach (var (key, slot) in _index)
        {
            if (slot.Resource.ServiceKey == serviceKey && Remove(key))
            {
                removed++;
            }
        }

        TryDeleteDirectory(Path.Combine(_root, serviceKey));
        return removed;
    }

    /// <summary>Removes everything; returns how many entries.</summary>
    public int PurgeAll()
    {
        var removed = 0;
        foreach (var key in _index.Keys)
        {
            if (Remove(key))
            {
                removed++;
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(_root))
        {
            TryDeleteDirectory(directory);
        }

        return removed;
    }

    /// <summary>Removes one entry (e.g. its body file vanished).</summary>
    public bool Remove(string cacheKey)
    {
        if (!_index.TryRemove(cacheKey, out var slot))
        {
            return false;
        }

        Interlocked.Add(ref _totalBytes, -slot.Resource.Length);
        if (Interlocked.Exchange(ref slot.Body, null) is { } body)
        {
            Interlocked.Add(ref _memoryBytes, -body.Length);
        }

        TryDelete(slot.Resource.BodyPath);
        TryDelete(Path.ChangeExtension(slot.Resource.BodyPath, ".json"));
        return true;
    }

    private static string FileStem(string cacheKey)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cacheKey)).AsSpan(0, 16));

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    private void EvictIfNeeded()
    {
        if (TotalBytes <= _options.MaxCacheBytes)
        {
            return;
        }

        lock (_evictLock)
        {
            if (TotalBytes <= _options.MaxCacheBytes)
            {
                return;
            }

            // Evict down to 90% so that a cache at its cap does not sort on every store.
            var target = _options.MaxCacheBytes / 10 * 9;
            var count = 0;
            long bytes = 0;
            foreach (var (key, slot) in _index.ToArray().OrderBy(p => p.Value.LastUsed))
            {
                if (TotalBytes <= target)
                {
                    break;
                }

                if (Remove(key))
                {
                    count++;
                    bytes += slot.Resource.Length;
                    _statistics.CountEviction();
                }
            }

            Log.Evicted(_logger, count, bytes, _options.MaxCacheBytes);
        }
    }

    private void Load()
    {
        var loaded = new List<(Slot Slot, DateTime Used)>();
        foreach (var temp in Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories))
        {
            TryDelete(temp);
        }

        foreach (var metaPath in Directory.EnumerateFiles(_root, "*.json", SearchOption.AllDirectories))
        {
            try
            {
                var resource = JsonSerializer.Deserialize(File.ReadAllBytes(metaPath), CacheMetadataContext.Default.CachedResource);
                var bodyPath = Path.ChangeExtension(metaPath, ".bin");
                var body = new FileInfo(bodyPath);
                if (resource is null || !body.Exists || body.Length != resource.Length)
                {
                    TryDelete(metaPath);
                    TryDelete(bodyPath);
                    continue;
                }

                loaded.Add((new Slot(resource with { BodyPath = bodyPath }), File.GetLastWriteTimeUtc(metaPath)));
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                Log.SkippedEntry(_logger, metaPath, ex);
            }
        }

        foreach (var (slot, _) in loaded.OrderBy(l => l.Used))
        {
            slot.LastUsed = ++_clock;
            _index[slot.Resource.CacheKey] = slot;
            _totalBytes += slot.Resource.Length;
        }

        Log.CacheLoaded(_logger, _root, _index.Count, _totalBytes);
        EvictIfNeeded();
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            Log.DeleteFailed(_logger, path, ex);
        }
    }

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException ex)
        {
            Log.DeleteFailed(_logger, path, ex);
        }
    }

    private sealed class Slot(CachedResource resource)
    {
#pragma warning disable CA1051 // A field, so that Interlocked can update it.
        public byte[]? Body;
#pragma warning restore CA1051

        public CachedResource Resource { get; set; } = resource;

        public long LastUsed { get; set; }
    }
}
