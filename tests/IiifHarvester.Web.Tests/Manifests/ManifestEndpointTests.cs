using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Tests.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Manifests;

public sealed class ManifestEndpointTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("presentation2/mirador__searchManifest.json")]
    [InlineData("presentation2/manifesto__aarau.json")]
    [InlineData("presentation2/cookbook__0057-publishing-v2-and-v3_manifest-v2.json")]
    public async Task Get_V2Manifest_AddsSearch1ServiceWithProfileAndSearchService2(string file)
    {
        var (original, served, key, _) = await ServeAsync(file);

        var services = served["service"]!.AsArray();
        var search1 = services[0]!;
        Assert.Equal("http://iiif.io/api/search/1/context.json", (string?)search1["@context"]);
        Assert.Equal($"http://localhost/iiif/search/1/{key}", (string?)search1["@id"]);
        Assert.Equal("http://iiif.io/api/search/1/search", (string?)search1["profile"]);
        Assert.Equal($"http://localhost/iiif/search/1/{key}/autocomplete", (string?)search1["service"]!["@id"]);
        Assert.Equal("http://iiif.io/api/search/1/autocomplete", (string?)search1["service"]!["profile"]);
        Assert.Equal("SearchService2", (string?)services[1]!["type"]);
        Assert.Equal("AutoCompleteService2", (string?)services[1]!["service"]![0]!["type"]);
        Assert.DoesNotContain(services.Take(2), s => ((string?)s!["@id"] ?? (string?)s["id"])!.Contains('?', StringComparison.Ordinal));
        AssertOtherwiseUnchanged(original, served);
    }

    [Fact]
    public async Task Get_V3Manifest_AddsTypedServices()
    {
        var (original, served, key, response) = await ServeAsync("presentation3/cookbook__0009-book-1_manifest.json");

        var services = served["service"]!.AsArray();
        Assert.Equal("SearchService1", (string?)services[0]!["type"]);
        Assert.Equal($"http://localhost/iiif/search/1/{key}", (string?)services[0]!["id"]);
        Assert.Equal("http://iiif.io/api/search/1/search", (string?)services[0]!["profile"]);
        Assert.Equal("AutoCompleteService1", (string?)services[0]!["service"]![0]!["type"]);
        Assert.Equal("SearchService2", (string?)services[1]!["type"]);
        Assert.Equal("application/ld+json; profile=\"http://iiif.io/api/presentation/3/context.json\"", response.Content.Headers.ContentType!.ToString());
        AssertOtherwiseUnchanged(original, served);
    }

    [Fact]
    public async Task Get_ServiceAsSingleObject_KeepsItAfterOurs()
    {
        var body = """{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://x.example.org/m","@type":"sc:Manifest","service":{"@id":"https://x.example.org/auth","profile":"http://iiif.io/api/auth/1/login"},"label":"x"}""";
        var key = _host.Store.Add("https://x.example.org/m", Encoding.UTF8.GetBytes(body));

        var served = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/manifests/{key}"))!;

        var services = served["service"]!.AsArray();
        Assert.Equal(3, services.Count);
        Assert.Equal("https://x.example.org/auth", (string?)services[2]!["@id"]);
    }

    [Fact]
    public async Task Get_V3ManifestInHarvestedCollections_IsPartOfOurCopiesOfThemBeforeItsOwnOthers()
    {
        const string Uri = "https://x.example.org/in-collections";
        const string Elsewhere = "https://elsewhere.example.org/c9";
        var body = $$$"""{"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{Uri}}}","type":"Manifest","label":{"en":["x"]},"items":[],"partOf":[{"id":"{{{DemoInstitution.AsiaCollectionUri}}}","type":"Collection"},{"id":"{{{Elsewhere}}}","type":"Collection","label":{"en":["<b>Far</b> <script>x</script>"]}}]}""";
        var key = _host.Store.Add(Uri, Encoding.UTF8.GetBytes(body));
        _host.Store.Memberships[Uri] = [new(DemoInstitution.AsiaCollectionUri, 1), new("https://x.example.org/unindexed", 1), new(DemoInstitution.TopCollectionUri, 2)];

        var served = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/manifests/{key}"))!;

        var partOf = served["partOf"]!.AsArray();
        Assert.Equal(
            [$"http://localhost/iiif/manifests/{ResourceKey.For(DemoInstitution.AsiaCollectionUri)}", $"http://localhost/iiif/manifests/{ResourceKey.For("https://x.example.org/unindexed")}", Elsewhere],
            partOf.Select(p => (string?)p!["id"]));
        Assert.All(partOf, p => Assert.Equal("Collection", (string?)p!["type"]));
        Assert.Equal("Asia", (string?)partOf[0]!["label"]!["en"]![0]);
        Assert.Null(partOf[1]!["label"]);
        Assert.Equal("<b>Far</b>", (string?)partOf[2]!["label"]!["en"]![0]);
    }

    [Fact]
    public async Task Get_ManifestWhoseCollectionsChanged_HasANewETag()
    {
        const string Uri = "https://x.example.org/moved";
        var key = _host.Store.Add(Uri, Encoding.UTF8.GetBytes($$"""{"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{Uri}}","type":"Manifest","label":{"en":["x"]},"items":[]}"""));
        using var before = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        _host.Store.Memberships[Uri] = [new(DemoInstitution.AsiaCollectionUri, 1)];

        using var after = await _host.Client.GetAsync($"/iiif/manifests/{key}");

        Assert.Null(JsonNode.Parse(await before.Content.ReadAsStringAsync())!["partOf"]);
        Assert.NotNull(JsonNode.Parse(await after.Content.ReadAsStringAsync())!["partOf"]);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task Get_V2ManifestInAHarvestedCollection_IsLeftWithoutPartOf()
    {
        const string Uri = "https://x.example.org/v2-in-collection";
        var key = _host.Store.Add(Uri, Encoding.UTF8.GetBytes($$"""{"@context":"http://iiif.io/api/presentation/2/context.json","@id":"{{Uri}}","@type":"sc:Manifest","label":"x"}"""));
        _host.Store.Memberships[Uri] = [new(DemoInstitution.AsiaCollectionUri, 1)];

        var served = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/manifests/{key}"))!;

        Assert.Null(served["partOf"]);
        Assert.Null(served["within"]);
    }

    [Fact]
    public async Task Get_Twice_RevalidatesWithETag()
    {
        var key = _host.Store.Add("https://x.example.org/e", Encoding.UTF8.GetBytes("""{"@id":"https://x.example.org/e"}"""));
        using var first = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/manifests/{key}");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        using var second = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Get_DeletedOrNotJson_IsHandled()
    {
        var deleted = _host.Store.Add("https://x.example.org/d", Encoding.UTF8.GetBytes("{}"), deleted: true);
        var broken = _host.Store.Add("https://x.example.org/b", Encoding.UTF8.GetBytes("[1,2"));

        using var gone = await _host.Client.GetAsync($"/iiif/manifests/{deleted}");
        using var asIs = await _host.Client.GetAsync($"/iiif/manifests/{broken}");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asIs.StatusCode);
        Assert.Equal("[1,2", await asIs.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("presentation2/manifesto__aarau.json", "@id")]
    [InlineData("presentation3/cookbook__0009-book-1_manifest.json", "id")]
    public async Task Get_Manifest_IsPublishedUnderOurIdAndNamesTheOriginalInSeeAlso(string file, string idName)
    {
        var (original, served, key, _) = await ServeAsync(file);

        Assert.Equal($"http://localhost/iiif/manifests/{key}", (string?)served[idName]);
        Assert.Equal((string?)original[idName], Original(served));
        Assert.True(JsonNode.DeepEquals(original["items"] ?? original["sequences"], served["items"] ?? served["sequences"]), "canvases keep the institution's ids");
    }

    [Fact]
    public async Task Get_V3ManifestWithServiceFirst_HasContextFirstAndNoContextInServices()
    {
        var body = """{"service":[{"@context":"http://iiif.io/api/auth/1/context.json","@id":"https://x.example.org/auth","@type":"AuthCookieService1","profile":"http://iiif.io/api/auth/1/login"}],"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://x.example.org/m3","type":"Manifest","label":{"en":["<p>Hostile <script>alert(163)</script></p>"]},"metadata":[{"label":{"en":["Note"]},"value":{"none":["<a href=\"javascript:alert(1)\">x</a> and <b>bold</b>"]}}],"requiredStatement":{"label":{"en":["By"]},"value":{"en":["<img src=x onerror=alert(1)>"]}},"items":[]}""";
        var key = _host.Store.Add("https://x.example.org/m3", Encoding.UTF8.GetBytes(body));

        var text = await _host.Client.GetStringAsync($"/iiif/manifests/{key}");
        var served = JsonNode.Parse(text)!;

        Assert.Equal("@context", served.AsObject().First().Key);
        Assert.All(served["service"]!.AsArray(), s => Assert.Null(s!["@context"]));
        Assert.Equal(3, served["service"]!.AsArray().Count);
        Assert.DoesNotContain("script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<p>Hostile </p>", (string?)served["label"]!["en"]![0]);
        Assert.Equal("<a>x</a> and <b>bold</b>", (string?)served["metadata"]![0]!["value"]!["none"]![0]);
    }

    [Theory]
    [InlineData("""{"manifest_url":{"label":{"none":["IIIF manifest"]},"value":{"none":["<a href=\"https://x.example.org/m\" onclick=\"x()\">m</a>"]}},"maker":{"label":{"en":["Maker"]},"value":{"en":["Jan van Eyck"]}}}""", 2)]
    [InlineData("""{"label":{"none":["IIIF manifest"]},"value":{"none":["<a href=\"https://x.example.org/m\" onclick=\"x()\">m</a>"]}}""", 1)]
    public async Task Get_V3ManifestWithMetadataAsOneObject_ServesItAsTheListOfItsEntries(string metadata, int count)
    {
        // The Museum voor Schone Kunsten Gent's image hub publishes metadata as an object of named entries.
        var body = """{"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://x.example.org/m6","type":"Manifest","label":{"en":["m"]},"items":[],"metadata":""" + metadata + "}";
        var key = _host.Store.Add("https://x.example.org/m6", Encoding.UTF8.GetBytes(body));

        var served = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/manifests/{key}"))!;

        var entries = served["metadata"]!.AsArray();
        Assert.Equal(count, entries.Count);
        Assert.Equal("IIIF manifest", (string?)entries[0]!["label"]!["none"]![0]);
        Assert.Equal("<a href=\"https://x.example.org/m\">m</a>", (string?)entries[0]!["value"]!["none"]![0]);
        Assert.Equal(count == 2 ? "Jan van Eyck" : null, (string?)entries[^1]!["value"]!["en"]?[0]);
    }

    [Fact]
    public async Task Get_V3Manifest_NestedServicesLoseTheirContextAndKeepWhatItSaid()
    {
        var body = """{"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://x.example.org/m4","type":"Manifest","label":{"en":["m"]},"items":[{"id":"https://x.example.org/c1","type":"Canvas","width":10,"height":10,"items":[{"id":"https://x.example.org/p1","type":"AnnotationPage","items":[{"id":"https://x.example.org/a1","type":"Annotation","motivation":"painting","target":"https://x.example.org/c1","body":{"id":"https://img.example.org/i/full/max/0/default.jpg","type":"Image","service":[{"@context":"http://iiif.io/api/image/2/context.json","@id":"https://img.example.org/i","profile":"http://iiif.io/api/image/2/level1.json","service":{"@context":"http://iiif.io/api/auth/1/context.json","@id":"https://img.example.org/login","profile":"http://iiif.io/api/auth/1/login"}},{"@context":"http://iiif.io/api/image/3/context.json","id":"https://img.example.org/j","type":"ImageService3","profile":"level0"}]}}]}]}]}""";
        var key = _host.Store.Add("https://x.example.org/m4", Encoding.UTF8.GetBytes(body));

        var served = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/manifests/{key}"))!;

        var services = served["items"]![0]!["items"]![0]!["items"]![0]!["body"]!["service"]!.AsArray();
        Assert.All(services, s => Assert.Null(s!["@context"]));
        Assert.Equal("ImageService2", (string?)services[0]!["@type"]);
        Assert.Equal("https://img.example.org/i", (string?)services[0]!["@id"]);
        Assert.Null(services[0]!["service"]!["@context"]);
        Assert.Equal("AuthCookieService1", (string?)services[0]!["service"]!["@type"]);
        Assert.Equal("ImageService3", (string?)services[1]!["type"]);
        Assert.Null(services[1]!["@type"]);
    }

    [Fact]
    public async Task Get_V3ShapedDocumentWithoutContext_IsServedAsPresentation3UnderOurId()
    {
        var body = """{"id":"https://x.example.org/c5","type":"Collection","label":{"en":["c"]},"items":[]}""";
        var key = _host.Store.Add("https://x.example.org/c5", Encoding.UTF8.GetBytes(body), DocumentKind.Collection);

        using var response = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("http://iiif.io/api/presentation/3/context.json", (string?)served["@context"]);
        Assert.Equal("@context", served.AsObject().First().Key);
        Assert.Equal($"http://localhost/iiif/manifests/{key}", (string?)served["id"]);
        Assert.Null(served["@id"]);
        Assert.Equal("SearchService1", (string?)served["service"]![0]!["type"]);
        Assert.Equal("application/ld+json; profile=\"http://iiif.io/api/presentation/3/context.json\"", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Get_ManifestThatRepeatsAPropertyName_IsServedWithTheLastValueAsBrowsersReadIt()
    {
        // The parser (and JSON.parse in a viewer) read the last of a repeated name; our copy threw and answered 500.
        var body = """{"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://x.example.org/m8","type":"Manifest","label":{"en":["draft"]},"items":[{"id":"https://x.example.org/c1","type":"Canvas","width":10,"height":10,"label":{"en":["a"]},"label":{"en":["p. 1"]}}],"label":{"en":["Final"]}}""";
        var key = _host.Store.Add("https://x.example.org/m8", Encoding.UTF8.GetBytes(body));

        using var response = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Final", (string?)served["label"]!["en"]![0]);
        Assert.Equal(["@context", "id", "type", "label", "items"], served.AsObject().Select(p => p.Key).Take(5));
        Assert.Equal("p. 1", (string?)served["items"]![0]!["label"]!["en"]![0]);
        Assert.Equal($"http://localhost/iiif/manifests/{key}", (string?)served["id"]);
    }

    [Theory]
    [InlineData("\"http://iiif.io/api/presentation/4/context.json\"")]
    [InlineData("[\"http://example.org/extension/context.json\",\"https://iiif.io/api/presentation/4/context.json\"]")]
    public async Task Get_ManifestOfALaterPresentationVersion_IsServedUnderOurIdWithItsOwnContext(string context)
    {
        // IIIF/api's Presentation 4 examples keep id and type: a copy that added "@id" and kept their id named no copy.
        var body = """{"@context":""" + context + ""","id":"https://x.example.org/m7","type":"Manifest","label":{"en":["m"]},"items":[]}""";
        var key = _host.Store.Add("https://x.example.org/m7", Encoding.UTF8.GetBytes(body));

        using var response = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(JsonNode.Parse(context)!.ToJsonString(), served["@context"]!.ToJsonString());
        Assert.Equal($"http://localhost/iiif/manifests/{key}", (string?)served["id"]);
        Assert.Null(served["@id"]);
        Assert.Equal("https://x.example.org/m7", (string?)served["seeAlso"]![0]!["id"]);
        Assert.Equal("application/ld+json; profile=\"http://iiif.io/api/presentation/4/context.json\"", response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData(null, "application/ld+json; profile=\"http://iiif.io/api/presentation/3/context.json\"")]
    [InlineData("application/ld+json", "application/ld+json; profile=\"http://iiif.io/api/presentation/3/context.json\"")]
    public async Task Get_V3Manifest_NegotiatesJsonOrJsonLd(string? accept, string expected)
    {
        var (_, _, key, _) = await ServeAsync("presentation3/cookbook__0009-book-1_manifest.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/manifests/{key}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(expected, response.Content.Headers.ContentType!.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    public async Task Get_AcceptEncoding_CompressesTheAnswer(string encoding, string expected)
    {
        var (_, _, key, _) = await ServeAsync("presentation3/cookbook__0009-book-1_manifest.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/manifests/{key}");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
    }

    private async Task<(JsonNode Original, JsonNode Served, string Key, HttpResponseMessage Response)> ServeAsync(string file)
    {
        var path = Path.Combine(JsonShapes.CorpusDirectory(string.Empty), file);
        var bytes = await File.ReadAllBytesAsync(path);
        var original = JsonNode.Parse(bytes)!;
        var id = (string?)original["@id"] ?? (string)original["id"]!;
        var key = _host.Store.Add(id, bytes);
        var response = await _host.Client.GetAsync($"/iiif/manifests/{key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (original, served, key, response);
    }

    private static void AssertOtherwiseUnchanged(JsonNode original, JsonNode served)
    {
        string[] ours = ["service", "id", "@id", "seeAlso", "@context"];
        var before = original.AsObject().Where(p => !ours.Contains(p.Key)).ToList();
        var after = served.AsObject().Where(p => !ours.Contains(p.Key)).ToList();
        Assert.Equal(before.Select(p => p.Key), after.Select(p => p.Key));
        foreach (var ((name, a), (_, b)) in before.Zip(after))
        {
            // Descriptive text is re-served sanitized to the IIIF HTML subset; everything else as published.
            string[] descriptive = ["label", "summary", "metadata", "requiredStatement", "description", "attribution"];
            Assert.True(JsonNode.DeepEquals(descriptive.Contains(name) ? SanitizedCopy(a) : a, b), name);
        }

        Assert.Equal("@context", served.AsObject().First().Key);
        Assert.True(JsonNode.DeepEquals(original["@context"], served["@context"]));
        var originalServices = original["service"] switch
        {
            null => [],
            JsonArray array => array.ToList(),
            var single => [single],
        };
        var kept = served["service"]!.AsArray().Skip(2).ToList();
        Assert.Equal(originalServices.Count, kept.Count);
        var isV3 = original["id"] is not null;
        Assert.All(originalServices.Zip(kept), pair =>
        {
            var expected = pair.First!.DeepClone();
            if (isV3)
            {
                expected.AsObject().Remove("@context");
            }

            Assert.True(JsonNode.DeepEquals(expected, pair.Second));
        });
    }

    private static JsonNode? SanitizedCopy(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Key is "@language" or "@type" or "type" or "id" or "@id" ? p.Value?.DeepClone() : SanitizedCopy(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(SanitizedCopy)]),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(IiifHtmlSanitizer.Sanitize(text)),
        _ => node?.DeepClone(),
    };

    private static string Original(JsonNode served)
    {
        var last = served["seeAlso"]!.AsArray().Last()!;
        return (string)(last["id"] ?? last["@id"])!;
    }
}
