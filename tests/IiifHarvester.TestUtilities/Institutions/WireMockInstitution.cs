using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace IiifHarvester.TestUtilities.Institutions;

/// <summary>
/// A running IIIF institution on WireMock (127.0.0.1, a free port). Documents are generated per request from the
/// institution's state, so it scales to many manifests and can change between runs: add activities, revise or delete
/// manifests, set and clear faults. Paths: <c>/discovery/collection.json</c>, <c>/discovery/page-{k}.json</c>,
/// <c>/collections/top.json</c>, <c>/collections/sub-{j}.json</c>, <c>/collections/page-{p}.json</c>,
/// <c>/manifests/{i}.json</c>, <c>/annotations/{i}-{c}.json</c>, <c>/ocr/{i}-{c}.xml</c>.
/// </summary>
public sealed class WireMockInstitution : IDisposable
{
    private readonly object _lock = new();
    private readonly InstitutionBuilder _shape;
    private readonly List<StreamActivity> _activities;
    private readonly Dictionary<string, InstitutionFault> _faults;
    private readonly Dictionary<string, int> _faultsServed = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _revisions = [];
    private readonly HashSet<int> _deleted = [];
    private readonly Dictionary<string, string> _servedCollections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _nativeFaultMappings = new(StringComparer.Ordinal);

    internal WireMockInstitution(InstitutionBuilder shape)
    {
        _shape = shape;
        _activities = [.. shape.Activities];
        _faults = new Dictionary<string, InstitutionFault>(StringComparer.Ordinal);
        Server = WireMockServer.Start(new WireMockServerSettings { MaxRequestLogCount = 10_000 });
        BaseUrl = Server.Url!;
        Server.Given(Request.Create().UsingGet().WithPath(new WildcardMatcher("/*")))
            .AtPriority(100)
            .RespondWith(Response.Create().WithCallback(Handle));
        foreach (var (path, fault) in shape.Faults)
        {
            SetFault(path, fault);
        }
    }

    /// <summary>Starts describing an institution.</summary>
    public static InstitutionBuilder Create() => new();

    /// <summary>The WireMock server (for extra mappings and its request log).</summary>
    public WireMockServer Server { get; }

    /// <summary>The base URL, <c>http://127.0.0.1:port</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The Change Discovery stream.</summary>
    public Uri StreamUri => Url("/discovery/collection.json");

    /// <summary>The top collection.</summary>
    public Uri CollectionUri => Url("/collections/top.json");

    /// <summary>The number of manifests.</summary>
    public int ManifestCount => _shape.Manifests;

    /// <summary>The number of Discovery pages now.</summary>
    public int PageCount
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(1, (AllActivities().Count + _shape.PageSize - 1) / _shape.PageSize);
            }
        }
    }

    /// <summary>An absolute URL for <paramref name="path"/>.</summary>
    public Uri Url(string path) => new(BaseUrl + path);

    /// <summary>The URL of manifest <paramref name="index"/>.</summary>
    public Uri ManifestUri(int index) => Url($"/manifests/{index}.json");

    /// <summary>The URL of Discovery page <paramref name="page"/>.</summary>
    public Uri PageUri(int page) => Url($"/discovery/page-{page}.json");

    /// <summary>The endTime of manifest <paramref name="index"/>'s generated Create.</summary>
    public DateTimeOffset CreateTime(int index) => _shape.StartTime + (_shape.Step * index);

    /// <summary>Requests served for <paramref name="path"/> (generated documents and status/body faults).</summary>
    public int RequestCount(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Requests served in all (generated documents and status/body faults).</summary>
    public int TotalRequests => _requests.Values.Sum();

    /// <summary>Appends an activity to the stream.</summary>
    public void AddActivity(StreamActivity activity)
    {
        lock (_lock)
        {
            _activities.Add(activity);
        }
    }

    /// <summary>Changes manifest <paramref name="index"/> (its label, hence its ETag).</summary>
    public void ReviseManifest(int index)
    {
        lock (_lock)
        {
            _revisions[index] = _revisions.GetValueOrDefault(index) + 1;
        }
    }

    /// <summary>Makes manifest <paramref name="index"/> answer 404 (the stream is not told).</summary>
    public void DeleteManifest(int index)
    {
        lock (_lock)
        {
            _deleted.Add(index);
        }
    }

    /// <summary>
    /// Serves a collection document of one's own at <paramref name="path"/> from now on (with an ETag, as the generated
    /// documents), replacing what the path served: a tree of any shape over the institution's manifests.
    /// </summary>
    public void ServeCollection(
        string path, string label, IEnumerable<(string Id, bool IsCollection, string Label)> members, int version, string? next = null, string? first = null)
    {
        var json = InstitutionDocuments.Collection(Url(path).AbsoluteUri, label, members.ToList(), version, next, first);
        lock (_lock)
        {
            _servedCollections[path] = json;
        }
    }

    /// <summary>Serves <paramref name="fault"/> for <paramref name="path"/> from now on.</summary>
    public void SetFault(string path, InstitutionFault fault)
    {
        ClearFault(path);
        if (fault.Delay is not null || fault.Connection is not null || fault.Hold is not null)
        {
            var response = Response.Create().WithCallback(Handle);
            if (fault.Hold is { } hold)
            {
                response = Response.Create().WithCallback(async request =>
                {
                    await hold();
                    return (IResponseMessage)Handle(request);
                });
            }

            if (fault.Connection is { } connection)
            {
                response = Response.Create().WithFault(connection);
            }

            if (fault.Delay is { } delay)
            {
                response.WithDelay(delay);
            }

            var id = Guid.NewGuid();
            Server.Given(Request.Create().UsingGet().WithPath(path)).WithGuid(id).AtPriority(1).RespondWith(response);
            lock (_lock)
            {
                _nativeFaultMappings[path] = id;
            }

            return;
        }

        lock (_lock)
        {
            _faults[path] = fault;
            _faultsServed[path] = 0;
        }
    }

    /// <summary>Stops serving a fault for <paramref name="path"/>.</summary>
    public void ClearFault(string path)
    {
        Guid? mapping = null;
        lock (_lock)
        {
            _faults.Remove(path);
            if (_nativeFaultMappings.Remove(path, out var id))
            {
                mapping = id;
            }
        }

        if (mapping is { } guid)
        {
            Server.DeleteMapping(guid);
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose() => Server.Stop();

    private static ResponseMessage Respond(int status, string? body, string contentType, IDictionary<string, string>? headers = null, byte[]? bytes = null)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        if (bytes is not null)
        {
            message.BodyData = new BodyData { BodyAsBytes = bytes, DetectedBodyType = BodyType.Bytes };
        }
        else if (body is not null)
        {
            message.BodyData = new BodyData { BodyAsString = body, Encoding = Encoding.UTF8, DetectedBodyType = BodyType.String };
        }

        if (body is not null || bytes is not null)
        {
            message.Headers["Content-Type"] = new WireMockList<string>(contentType);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        return message;
    }

    private static int? IntBetween(string path, string prefix, string suffix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(suffix, StringComparison.Ordinal)
        && int.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static (int, int)? PairBetween(string path, string prefix, string suffix)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[prefix.Length..^suffix.Length].Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b)
            ? (a, b)
            : null;
    }

    private ResponseMessage Handle(IRequestMessage request)
    {
        var path = request.Path;
        _requests.AddOrUpdate(path, 1, static (_, n) => n + 1);
        InstitutionFault? fault = null;
        lock (_lock)
        {
            if (_faults.TryGetValue(path, out var f) && _faultsServed[path] < f.Times)
            {
                _faultsServed[path]++;
                fault = f;
            }
        }

        if (fault is not null)
        {
            var headers = new Dictionary<string, string>(fault.Headers, StringComparer.OrdinalIgnoreCase);
            if (fault.RetryAfter is not null)
            {
                headers["Retry-After"] = fault.RetryAfter;
            }

            return Respond(fault.Status == 0 ? 200 : fault.Status, fault.Body, fault.ContentType, headers, fault.BodyBytes);
        }

        var (body, contentType) = Generate(path);
        if (body is null)
        {
            return Respond(404, "{\"error\":\"not found\"}", "application/json");
        }

        if (!_shape.ServeETags)
        {
            return Respond(200, body, contentType);
        }

        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)).AsSpan(0, 8)) + "\"";
        if (request.Headers is { } requestHeaders && requestHeaders.TryGetValue("If-None-Match", out var match) && match.Any(m => m.Contains(etag, StringComparison.Ordinal)))
        {
            return Respond(304, null, contentType, new Dictionary<string, string> { ["ETag"] = etag });
        }

        return Respond(200, body, contentType, new Dictionary<string, string> { ["ETag"] = etag });
    }

    private (string? Body, string ContentType) Generate(string path)
    {
        const string Json = "application/ld+json";
        lock (_lock)
        {
            if (_servedCollections.TryGetValue(path, out var served))
            {
                return (served, Json);
            }

            if (IntBetween(path, "/manifests/", ".json") is { } m && m < _shape.Manifests && !_deleted.Contains(m))
            {
                return (InstitutionDocuments.Manifest(BaseUrl, m, _shape.Canvases, _shape.Version, _shape.AnnotationLists, _shape.Ocr, _revisions.GetValueOrDefault(m)), Json);
            }

            if (PairBetween(path, "/annotations/", ".json") is var (am, ac) && am < _shape.Manifests && ac < _shape.Canvases && !_deleted.Contains(am))
            {
                return (InstitutionDocuments.Annotations(BaseUrl, am, ac, _shape.Version), Json);
            }

            if (PairBetween(path, "/ocr/", ".xml") is var (om, oc) && om < _shape.Manifests && oc < _shape.Canvases && !_deleted.Contains(om))
            {
                return (InstitutionDocuments.Alto(om, oc), "application/xml");
            }

            if (path == "/discovery/collection.json" && _shape.UnpagedStream)
            {
                var streamId = StreamUri.AbsoluteUri;
                return (InstitutionDocuments.UnpagedStream(streamId, AllActivities().Select(a => InstitutionDocuments.Activity(a, id => id.StartsWith('/') ? BaseUrl + id : id, streamId)).ToList()), Json);
            }

            if (path == "/discovery/collection.json")
            {
                var pages = Math.Max(1, (AllActivities().Count + _shape.PageSize - 1) / _shape.PageSize);
                return (InstitutionDocuments.Stream(StreamUri.AbsoluteUri, PageUri(0).AbsoluteUri, PageUri(pages - 1).AbsoluteUri, AllActivities().Count), Json);
            }

            if (IntBetween(path, "/discovery/page-", ".json") is { } page)
            {
                return (DiscoveryPage(page), Json);
            }

            return (CollectionDocument(path), Json);
        }
    }

    private List<StreamActivity> AllActivities()
    {
        var all = new List<StreamActivity>(_shape.Manifests + _activities.Count);
        if (_shape.GeneratedCreates)
        {
            for (var i = 0; i < _shape.Manifests; i++)
            {
                all.Add(new StreamActivity("Create", $"/manifests/{i}.json", CreateTime(i)));
            }
        }

        all.AddRange(_activities);
        return all;
    }

    private string? DiscoveryPage(int page)
    {
        var all = AllActivities();
        var pages = Math.Max(1, (all.Count + _shape.PageSize - 1) / _shape.PageSize);
        if (page >= pages)
        {
            return null;
        }

        var streamId = StreamUri.AbsoluteUri;
        var prev = _shape.PrevOverrides.TryGetValue(page, out var overridden)
            ? overridden is null ? null : Url($"/discovery/page-{overridden}.json").AbsoluteUri
            : page > 0 ? PageUri(page - 1).AbsoluteUri : null;
        var next = page < pages - 1 ? PageUri(page + 1).AbsoluteUri : null;
        var items = all.Skip(page * _shape.PageSize).Take(_shape.PageSize)
            .Select(a => InstitutionDocuments.Activity(a, id => id.StartsWith('/') ? BaseUrl + id : id, streamId));
        return InstitutionDocuments.Page(PageUri(page).AbsoluteUri, streamId, prev, next, page * _shape.PageSize, items);
    }

    private string? CollectionDocument(string path)
    {
        var version = _shape.Version;
        var manifests = Enumerable.Range(0, _shape.Manifests)
            .Select(i => (ManifestUri(i).AbsoluteUri, false, $"Manifest {i}")).ToList();
        var extra = _shape.ExtraCollectionMembers.Select(e => (Url(e.Location).AbsoluteUri, true, "Extra"));
        if (path == "/collections/top.json")
        {
            if (_shape.V2PageSize is not null)
            {
                return InstitutionDocuments.Collection(CollectionUri.AbsoluteUri, "Top", extra, 2, first: Url("/collections/page-0.json").AbsoluteUri, total: _shape.Manifests);
            }

            if (_shape.SubCollections > 0)
            {
                var subs = Enumerable.Range(0, _shape.SubCollections).Select(j => (Url($"/collections/sub-{j}.json").AbsoluteUri, true, $"Sub {j}"));
                return InstitutionDocuments.Collection(CollectionUri.AbsoluteUri, "Top", subs.Concat(extra), version);
            }

            return InstitutionDocuments.Collection(CollectionUri.AbsoluteUri, "Top", manifests.Concat(extra), version);
        }

        if (IntBetween(path, "/collections/sub-", ".json") is { } sub && sub < _shape.SubCollections)
        {
            // Manifests dealt round-robin; each sub-collection also lists the next one's first manifest (a repeat) and the
            // top collection (a cycle), as real trees do.
            var members = manifests.Where((_, i) => i % _shape.SubCollections == sub).ToList();
            if (_shape.Manifests > 0)
            {
                members.Add(manifests[(sub + 1) % Math.Min(_shape.SubCollections, _shape.Manifests)]);
            }

            members.Add((CollectionUri.AbsoluteUri, true, "Top"));
            return InstitutionDocuments.Collection(Url(path).AbsoluteUri, $"Sub {sub}", members, version);
        }

        if (IntBetween(path, "/collections/page-", ".json") is { } p && _shape.V2PageSize is { } size && p * size < Math.Max(1, _shape.Manifests))
        {
            var members = manifests.Skip(p * size).Take(size);
            var next = (p + 1) * size < _shape.Manifests ? Url($"/collections/page-{p + 1}.json").AbsoluteUri : null;
            return InstitutionDocuments.Collection(Url(path).AbsoluteUri, $"Page {p}", members, 2, next: next);
        }

        return null;
    }
}
