using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Composing;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetVips;

namespace IiifHarvester.Images.Serving;

/// <summary>
/// The proxy cache: answers info and image requests from the disk cache, fetching (once per key, however many clients
/// ask at once), revalidating after the freshness, composing level 0 images locally, and passing auth-protected images
/// through uncached.
/// </summary>
internal sealed class ImageProxy(
    UpstreamClient upstream,
    DiskImageCache cache,
    ErrorCache errors,
    RequestCoalescer coalescer,
    IOptions<ImagesOptions> options,
    TimeProvider timeProvider,
    ImagesStatistics statistics,
    IHostApplicationLifetime lifetime,
    ILogger<ImageProxy> logger)
{
    private const string InfoPath = "info.json";
    private readonly ConcurrentDictionary<string, InfoState> _infos = new(StringComparer.Ordinal);
    private readonly ImagesOptions _options = options.Value;

    /// <summary>
    /// The hit fast path for info: the parsed state when its cached info.json is fresh, else <see langword="null"/>
    /// (then <see cref="GetInfoAsync"/> fetches or revalidates).
    /// </summary>
    public InfoState? TryGetFreshInfo(ImageServiceEntry entry)
    {
        if (_infos.TryGetValue(entry.Key, out var state)
            && cache.TryGet(state.Resource.CacheKey, out var resource)
            && IsFresh(resource)
            && resource.ETag == state.Resource.ETag)
        {
            statistics.CountHit();
            return state;
        }

        return null;
    }

    /// <summary>
    /// The hit fast path for images: a fresh cached copy (and its body when in memory), without async machinery.
    /// </summary>
    public bool TryGetFreshImage(ImageServiceEntry entry, InfoState info, ResolvedImageRequest request, out CachedResource resource, out byte[]? body)
    {
        if (!IsPassthrough(entry, info) && cache.TryGet(info.CacheKeyOf(request), out resource, out body) && IsFresh(resource))
        {
            statistics.CountHit();
            if (body is not null)
            {
                statistics.CountMemoryHit();
            }

            return true;
        }

        resource = null!;
        body = null;
        return false;
    }

    /// <summary>The service's info: cached, revalidated, parsed.</summary>
    public async Task<InfoState> GetInfoAsync(ImageServiceEntry entry, CancellationToken cancellationToken)
        => (await GetInfoWithStatusAsync(entry, cancellationToken)).State;

    /// <summary>The service's info and the <c>Cache-Status</c> of its answer.</summary>
    public async Task<(InfoState State, string CacheStatus)> GetInfoWithStatusAsync(ImageServiceEntry entry, CancellationToken cancellationToken)
    {
        var outcome = await GetCachedAsync(entry, InfoPath, InfoPath, UpstreamKind.Json, compose: null, validate: ValidateInfo, cancellationToken);
        var resource = outcome.Resource;
        if (_infos.TryGetValue(entry.Key, out var state) && state.Resource.ETag == resource.ETag && state.Resource.BodyPath == resource.BodyPath)
        {
            return (state, outcome.CacheStatus);
        }

        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(resource.BodyPath, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            // Evicted or purged between lookup and read: fetch again.
            cache.Remove(resource.CacheKey);
            outcome = await GetCachedAsync(entry, InfoPath, InfoPath, UpstreamKind.Json, compose: null, validate: ValidateInfo, cancellationToken);
            resource = outcome.Resource;
            body = await File.ReadAllBytesAsync(resource.BodyPath, cancellationToken);
        }

        var info = ImageInfoParser.Parse(body);
        state = new InfoState(entry.Key, resource, body, info, _options);
        _infos[entry.Key] = state;
        return (state, outcome.CacheStatus);
    }

    /// <summary>Whether images of this service are passed through uncached (IIIF Auth upstream, not allowed to cache).</summary>
    public static bool IsPassthrough(ImageServiceEntry entry, InfoState info)
        => info.Info.HasAuthServices && !entry.AllowCachingAuthProtected;

    /// <summary>Answers an image request.</summary>
    public async Task<ImageOutcome> GetImageAsync(
        ImageServiceEntry entry,
        InfoState info,
        ResolvedImageRequest request,
        IReadOnlyList<KeyValuePair<string, string>>? credentials,
        CancellationToken cancellationToken)
    {
        var caps = info.CapabilitiesFor(request.Version);
        var cachePath = info.CacheKeyOf(request)[(entry.Key.Length + 1)..];
        var upstreamPath = cachePath;
        Func<CancellationToken, Task<byte[]>>? compose = null;
        if (caps.UpstreamLevel == 0)
        {
            if (Level0Layout.NativePath(request, caps) is { } native)
            {
                upstreamPath = native;
            }
            else if (caps.ComposesLocally)
            {
                compose = ct => ComposeAsync(entry, info, request, Level0Layout.Plan(request, caps, _options.MaxComposedTiles), ct);
            }
        }
        else if (caps.ComposesLocally && ImageRequestResolver.Unsupported(info.UpstreamRequestOf(request), caps.Own) is not null)
        {
            // What the upstream cannot do (a format, a rotation, a quality, a size) is made here from what it can.
            compose = ct => ComposeAsync(entry, info, request, RegionSource.Plan(request, caps), ct);
        }

        upstreamPath = info.UpstreamPathOf(upstreamPath);

        if (IsPassthrough(entry, info))
        {
            // IIIF Auth: the answer depends on the client's credentials, so it is neither cached nor shared.
            var response = await FetchOrThrowAsync(() => upstream.GetAsync(entry, upstreamPath, UpstreamKind.Image, null, credentials, cancellationToken));
            if (response.IsSuccess)
            {
                ImageFormats.Require(response.Body, request.Format);
            }

            return new ImageOutcome(null, response, Hit: false) { CacheStatus = CacheStatusValues.Bypass };
        }

        var outcome = await GetCachedAsync(entry, cachePath, upstreamPath, UpstreamKind.Image, compose, validate: null, cancellationToken);
        return new ImageOutcome(outcome.Resource, null, outcome.Hit) { Body = outcome.Body, CacheStatus = outcome.CacheStatus };
    }

    /// <summary>
    /// The <c>Age</c> of a cached answer and its <c>Cache-Control</c>: <c>max-age</c> is what is left of its freshness,
    /// not the whole period (RFC 9111 §4.2.3, §5.1).
    /// </summary>
    public (string Age, string CacheControl) FreshnessHeaders(CachedResource resource)
    {
        var age = Math.Max(0, (long)(timeProvider.GetUtcNow() - resource.FetchedAt).TotalSeconds);
        var left = Math.Max(0, (long)_options.Freshness.TotalSeconds - age);
        return (age.ToString(CultureInfo.InvariantCulture), "public, max-age=" + left.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Fetches an info.json with the client's credentials, uncached (IIIF Auth).</summary>
    public Task<UpstreamResponse> GetInfoPassthroughAsync(ImageServiceEntry entry, IReadOnlyList<KeyValuePair<string, string>>? credentials, CancellationToken cancellationToken)
        => FetchOrThrowAsync(() => upstream.GetAsync(entry, InfoPath, UpstreamKind.Json, null, credentials, cancellationToken));

    /// <summary>Warms one path (for <see cref="Warmup.IImageWarmer"/>): returns whether it was already cached.</summary>
    public async Task<bool> WarmAsync(ImageServiceEntry entry, InfoState info, ResolvedImageRequest request, CancellationToken cancellationToken)
        => (await GetImageAsync(entry, info, request, null, cancellationToken)).Hit;

    /// <summary>Purges one service's entries, errors and parsed info.</summary>
    public int Purge(string serviceKey)
    {
        _infos.TryRemove(serviceKey, out _);
        errors.Forget(serviceKey);
        return cache.PurgeService(serviceKey);
    }

    /// <summary>Purges everything.</summary>
    public int PurgeAll()
    {
        _infos.Clear();
        errors.Forget(null);
        return cache.PurgeAll();
    }

    /// <summary>Keeps a body read from disk in the memory tier.</summary>
    public void KeepInMemory(CachedResource resource, byte[] body) => cache.TryKeepInMemory(resource.CacheKey, body);

    /// <summary>Forgets a body file that vanished (evicted while being served).</summary>
    public void Forget(CachedResource resource) => cache.Remove(resource.CacheKey);

    private static void ValidateInfo(byte[] body) => ImageInfoParser.Parse(body);

    private static async Task<UpstreamResponse> FetchOrThrowAsync(Func<Task<UpstreamResponse>> fetch)
    {
        try
        {
            return await fetch();
        }
        catch (UpstreamException ex)
        {
            throw new ImageProxyException(ex.StatusCode, ex.Message, ex) { CacheStatus = CacheStatusValues.Bypass };
        }
    }

    private static int StatusFor(int upstreamStatus) => upstreamStatus switch
    {
        >= 500 => 502,
        >= 400 => upstreamStatus,
        _ => 502,
    };

    private async Task<CacheOutcome> GetCachedAsync(
        ImageServiceEntry entry,
        string cachePath,
        string upstreamPath,
        UpstreamKind kind,
        Func<CancellationToken, Task<byte[]>>? compose,
        Action<byte[]>? validate,
        CancellationToken cancellationToken)
    {
        var cacheKey = entry.Key + "/" + cachePath;
        if (cache.TryGet(cacheKey, out var resource, out var body))
        {
            if (IsFresh(resource))
            {
                statistics.CountHit();
                return new CacheOutcome(resource, true, body, CacheStatusValues.Hit);
            }

            var revalidated = await coalescer.RunAsync(
                cacheKey,
                ct => RevalidateAsync(entry, resource, upstreamPath, kind, compose, validate, ct),
                lifetime.ApplicationStopping,
                cancellationToken);
            return JustStored(cacheKey, revalidated);
        }

        if (errors.TryGet(cacheKey, out var status, out var message))
        {
            throw new ImageProxyException(status, message) { CacheStatus = CacheStatusValues.RememberedError };
        }

        statistics.CountMiss();
        var fetched = await coalescer.RunAsync(
            cacheKey,
            ct => FetchAsync(entry, cacheKey, upstreamPath, kind, compose, validate, ct),
            lifetime.ApplicationStopping,
            cancellationToken);
        return JustStored(cacheKey, fetched);
    }

    /// <summary>
    /// The outcome of a miss or revalidation: when the cache just kept a small body in memory, answer from it rather
    /// than reading the file back (unless another flight replaced the entry meanwhile).
    /// </summary>
    private CacheOutcome JustStored(string cacheKey, Fetched fetched) =>
        new(fetched.Resource, false, cache.TryGet(cacheKey, out var stored, out var body) && ReferenceEquals(stored, fetched.Resource) ? body : null, fetched.CacheStatus);

    private bool IsFresh(CachedResource resource) => timeProvider.GetUtcNow() - resource.FetchedAt < _options.Freshness;

    private async Task<Fetched> FetchAsync(
        ImageServiceEntry entry,
        string cacheKey,
        string upstreamPath,
        UpstreamKind kind,
        Func<CancellationToken, Task<byte[]>>? compose,
        Action<byte[]>? validate,
        CancellationToken cancellationToken)
    {
        // A flight for this key may have finished between our lookup and joining: use its result.
        if (cache.TryGet(cacheKey, out var existing) && IsFresh(existing))
        {
            return new Fetched(existing, CacheStatusValues.Hit);
        }

        try
        {
            if (compose is not null)
            {
                var composed = await compose(cancellationToken);
                return new Fetched(await StoreAsync(entry, cacheKey, composed, MediaTypes.ForFormat(Path.GetExtension(cacheKey).TrimStart('.')), null, null, composed: true, cancellationToken), CacheStatusValues.Miss);
            }

            var response = await upstream.GetAsync(entry, upstreamPath, kind, null, null, cancellationToken);
            if (!response.IsSuccess)
            {
                var status = StatusFor(response.StatusCode);
                var message = $"The image server answered {response.StatusCode}.";
                Log.UpstreamError(logger, cacheKey, response.StatusCode);
                if (response.StatusCode is not (401 or 403))
                {
                    errors.Remember(cacheKey, status, message, _options.ErrorTtl);
                }

                throw new ImageProxyException(status, message) { CacheStatus = CacheStatusValues.ForwardError(response.StatusCode) };
            }

            return new Fetched(await StoreCheckedAsync(entry, cacheKey, response, kind, validate, cancellationToken), CacheStatusValues.Miss);
        }
        catch (UpstreamException ex)
        {
            errors.Remember(cacheKey, ex.StatusCode, ex.Message, _options.ErrorTtl);
            throw new ImageProxyException(ex.StatusCode, ex.Message, ex) { CacheStatus = CacheStatusValues.ForwardError(null) };
        }
        catch (ImageProxyException ex) when (compose is not null)
        {
            // A piece failed: the composition fails the same way, briefly remembered like any upstream error.
            errors.Remember(cacheKey, ex.StatusCode, ex.Message, _options.ErrorTtl);
            throw;
        }
        catch (VipsException ex)
        {
            Log.ComposeFailed(logger, cacheKey, ex);
            errors.Remember(cacheKey, 502, "An upstream image could not be decoded.", _options.ErrorTtl);
            throw new ImageProxyException(502, "An upstream image could not be decoded.", ex) { CacheStatus = CacheStatusValues.ForwardError(502) };
        }
    }

    private async Task<Fetched> RevalidateAsync(
        ImageServiceEntry entry,
        CachedResource stale,
        string upstreamPath,
        UpstreamKind kind,
        Func<CancellationToken, Task<byte[]>>? compose,
        Action<byte[]>? validate,
        CancellationToken cancellationToken)
    {
        if (cache.TryGet(stale.CacheKey, out var current) && IsFresh(current))
        {
            return new Fetched(current, CacheStatusValues.Hit);
        }

        statistics.CountRevalidation();
        try
        {
            if (compose is not null)
            {
                // Composed copies are made again from pieces that revalidate themselves.
                var composed = await compose(cancellationToken);
                return new Fetched(await StoreAsync(entry, stale.CacheKey, composed, stale.ContentType, null, null, composed: true, cancellationToken), CacheStatusValues.Remade);
            }

            var response = await upstream.GetAsync(entry, upstreamPath, kind, new UpstreamValidators(stale.UpstreamETag, stale.UpstreamLastModified), null, cancellationToken);
            if (response.NotModified)
            {
                Revalidated(entry, stale.CacheKey);
                return new Fetched(cache.Refresh(stale, timeProvider.GetUtcNow()), CacheStatusValues.Revalidated);
            }

            if (response.IsSuccess)
            {
                var replaced = await StoreCheckedAsync(entry, stale.CacheKey, response, kind, validate, cancellationToken);
                Revalidated(entry, stale.CacheKey);
                return new Fetched(replaced, CacheStatusValues.Replaced);
            }

            if (response.StatusCode is 404 or 410)
            {
                // The upstream says it is gone: so are we.
                cache.Remove(stale.CacheKey);
                errors.Remember(stale.CacheKey, 404, "The image server no longer has this image.", _options.ErrorTtl);
                throw new ImageProxyException(404, "The image server no longer has this image.") { CacheStatus = "IiifHarvester; fwd=stale; fwd-status=" + response.StatusCode.ToString(CultureInfo.InvariantCulture) };
            }

            Log.ServingStale(logger, stale.CacheKey, $"upstream answered {response.StatusCode}");
            return new Fetched(stale, CacheStatusValues.StaleIfError(response.StatusCode));
        }
        catch (Exception ex) when (ex is UpstreamException or VipsException || (ex is ImageProxyException { StatusCode: not 404 }))
        {
            // stale-if-error: a copy that was good is better than an error while the upstream is down.
            Log.ServingStale(logger, stale.CacheKey, ex.Message);
            return new Fetched(stale, CacheStatusValues.StaleIfError(null));
        }
    }

    /// <summary>
    /// The upstream answered a revalidation: errors remembered for this key are forgotten, and for the info.json, every
    /// error remembered for the service (it is answering again).
    /// </summary>
    private void Revalidated(ImageServiceEntry entry, string cacheKey)
    {
        if (cacheKey.EndsWith("/" + InfoPath, StringComparison.Ordinal))
        {
            errors.Forget(entry.Key);
        }
        else
        {
            errors.ForgetKey(cacheKey);
        }
    }

    private async Task<CachedResource> StoreCheckedAsync(ImageServiceEntry entry, string cacheKey, UpstreamResponse response, UpstreamKind kind, Action<byte[]>? validate, CancellationToken cancellationToken)
    {
        if (validate is not null)
        {
            try
            {
                validate(response.Body);
            }
            catch (FormatException ex)
            {
                throw new UpstreamException(502, "The image server sent an unusable info.json: " + ex.Message, ex);
            }
        }

        if (response.Body.Length == 0)
        {
            throw new UpstreamException(502, "The image server sent an empty answer.");
        }

        var contentType = "application/json";
        if (kind == UpstreamKind.Image)
        {
            // What the request asked for, checked against the body's own bytes: never the upstream's claimed type.
            var format = Path.GetExtension(cacheKey).TrimStart('.');
            ImageFormats.Require(response.Body, format);
            contentType = MediaTypes.ForFormat(format);
        }

        return await StoreAsync(entry, cacheKey, response.Body, contentType, response.ETag, response.LastModified, composed: false, cancellationToken);
    }

    private Task<CachedResource> StoreAsync(
        ImageServiceEntry entry,
        string cacheKey,
        byte[] body,
        string contentType,
        string? upstreamETag,
        DateTimeOffset? upstreamLastModified,
        bool composed,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lastModified = upstreamLastModified ?? new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return cache.StoreAsync(entry.Key, cacheKey, body, (path, etag) => new CachedResource
        {
            ServiceKey = entry.Key,
            CacheKey = cacheKey,
            BodyPath = path,
            ContentType = contentType,
            Length = body.Length,
            ETag = etag,
            LastModified = lastModified,
            FetchedAt = now,
            UpstreamETag = upstreamETag,
            UpstreamLastModified = upstreamLastModified,
            Composed = composed,
        }, cancellationToken);
    }

    private async Task<byte[]> ComposeAsync(ImageServiceEntry entry, InfoState info, ResolvedImageRequest request, CompositionPlan plan, CancellationToken cancellationToken)
    {
        using var activity = ImagesTelemetry.ActivitySource.StartActivity("iiifharvester.images.compose", ActivityKind.Internal);
        activity?.SetTag("iiifharvester.images.request", request.CanonicalPath);
        var bodies = new byte[plan.Pieces.Count][];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Pieces.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.UpstreamParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var piece = plan.Pieces[i];
                var outcome = await GetCachedAsync(entry, piece.CachePath, info.UpstreamPathOf(piece.UpstreamPath), UpstreamKind.Image, compose: null, validate: null, ct);
                bodies[i] = outcome.Body ?? await File.ReadAllBytesAsync(outcome.Resource.BodyPath, ct);
            });
        statistics.CountComposition();
        // libvips work is CPU-bound and synchronous; it runs on the pool thread we are on.
        return ImageComposer.Compose(plan, bodies, request, _options.MaxDecodedPixels);
    }

    private sealed record CacheOutcome(CachedResource Resource, bool Hit, byte[]? Body, string CacheStatus);

    private sealed record Fetched(CachedResource Resource, string CacheStatus);
}
