using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Portal;
using Xunit;
using Xunit.Abstractions;

namespace IiifHarvester.EndToEnd.Tests.Schema;

/// <summary>
/// Every kind of Presentation 3 document we emit, made from the shared corpus's real documents harvested end to end
/// (<see cref="HarvestedCorpus"/>), checked with the official Presentation 3.0 JSON schema. A failure names the
/// document and the schema's complaints. Some institutions' documents fail the schema as they publish them (drafts of
/// 3.0 with <c>logo</c> or <c>posterCanvas</c>, rights outside the two vocabularies, a <c>summary</c> string): those
/// cannot pass as re-served, so the entries we add to them (our search services, the original in <c>seeAlso</c>) are
/// checked alone.
/// </summary>
public sealed class PresentationSchemaTests(HarvestedCorpus corpus, ITestOutputHelper output) : IClassFixture<HarvestedCorpus>
{
    [Fact]
    public void Schema_AcceptsAMinimalManifestWithAnHttpsId_AndRejectsOneWithoutLabel()
    {
        var manifest = JsonNode.Parse("""{"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/m","type":"Manifest","label":{"en":["M"]},"items":[]}""")!;
        var unlabelled = manifest.DeepClone();
        unlabelled.AsObject().Remove("label");

        Assert.Empty(PresentationSchema.Errors(manifest));
        Assert.Contains(PresentationSchema.Errors(unlabelled), e => e.Contains("label", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a")] // ProxyImages off: the institution's image services
    [InlineData("b")] // ProxyImages on: our image proxy's
    public async Task ReservedManifests_FromPresentation3Sources_PassTheOfficialSchema(string site)
    {
        var failures = new List<string>();
        var whole = 0;
        foreach (var document in corpus.Presentation3Manifests)
        {
            whole += await CheckAsync(site, document, failures) ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(whole >= 40, $"only {whole} of {corpus.Presentation3Manifests.Count} manifests were valid as published");
    }

    [Fact]
    public async Task ReservedCollections_FromPresentation3Sources_PassTheOfficialSchema()
    {
        var failures = new List<string>();
        var whole = 0;
        foreach (var document in corpus.Presentation3Collections)
        {
            whole += await CheckAsync("a", document, failures) ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(whole >= 4, $"only {whole} of {corpus.Presentation3Collections.Count} collections were valid as published");
    }

    [Fact]
    public async Task ReservedPresentation3Documents_NoServiceAtAnyDepthCarriesAContext()
    {
        var failures = new List<string>();
        foreach (var (site, document) in corpus.Presentation3Manifests.Select(d => ("a", d)).Concat(corpus.Presentation3Manifests.Select(d => ("b", d)))
            .Concat(corpus.Presentation3Collections.Select(d => ("a", d))))
        {
            var (url, body) = await corpus.ReservedAsync(site, document);
            failures.AddRange(ServicesWithContext(body, "$").Select(path => $"{document.File} at {url}: {path} has @context"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task CatalogCollection_AndEachOfItsPages_PassTheOfficialSchemaAndListOurCopies()
    {
        var whole = await corpus.GetJsonAsync("/iiif/catalog/collection");
        AssertValid("/iiif/catalog/collection", whole);
        var pages = whole["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.True(pages.Count > 1, "the corpus fills more than one catalog page");

        var members = 0;
        foreach (var page in pages)
        {
            var collection = await corpus.GetJsonAsync(page);
            AssertValid(page, collection);
            foreach (var member in collection["items"]!.AsArray())
            {
                var id = (string)member!["id"]!;
                Assert.StartsWith("http://localhost/iiif/manifests/", id, StringComparison.Ordinal);
                var copy = await corpus.GetJsonAsync(id);
                Assert.Equal(id, (string?)copy["id"] ?? (string?)copy["@id"]);
                members++;
            }
        }

        Assert.True(members >= corpus.Presentation3Manifests.Count, $"{members} members listed");
    }

    [Fact]
    public async Task ContentStates_OfCatalogHits_PassTheOfficialSchema()
    {
        var catalog = await corpus.GetJsonAsync("/iiif/catalog");
        var states = new List<string>();
        Collect(catalog, states);
        Assert.NotEmpty(states);

        foreach (var encoded in states)
        {
            var json = ContentState.Decode(encoded);
            Assert.NotNull(json);
            AssertValid($"content state {json}", JsonNode.Parse(json)!);
        }

        static void Collect(JsonNode? node, List<string> into)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        if (name == "contentState" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            into.Add(s);
                        }

                        Collect(value, into);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, into);
                    }

                    break;
            }
        }
    }

    [Theory]
    [InlineData("all")] // across manifests: targets are Canvas references partOf their manifest
    [InlineData("one")] // inside one manifest: targets are the canvas regions
    public async Task Search2Answers_EachAnnotationAndHighlight_PassesTheOfficialSchema(string scope)
    {
        var key = scope == "all" ? "all" : await KeyOfAManifestWithTextAsync();
        var page = await corpus.GetJsonAsync($"/iiif/search/2/{key}?q=the");
        var items = page["items"]!.AsArray();
        var highlights = page["annotations"]![0]!["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.NotEmpty(highlights);

        // A Search 2.0 answer is an AnnotationPage under the Search 2 context with Search's own properties, which the
        // Presentation schema (closed AnnotationPage, Presentation context only) cannot take: its annotations can.
        var failures = items.Concat(highlights)
            .Select(a => (Annotation: a!, Errors: PresentationSchema.Errors(a!, "annotation")))
            .Where(r => r.Errors.Count > 0)
            .Select(r => PresentationSchema.Describe($"search 2 annotation {r.Annotation.ToJsonString()}", r.Errors))
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task ReservedManifests_WithProxyImages_PointAtOurImageProxy()
    {
        const string proxy = "http://localhost/iiif/image/";
        var failures = new List<string>();
        var withServices = 0;
        var proxied = 0;
        foreach (var document in corpus.Presentation3Manifests)
        {
            // The image services of the manifest as the proxied site published it (what the harvest fetched).
            var originals = new List<string>();
            ImageServiceIds(corpus.Original("b", document), originals);
            var (url, body) = await corpus.ReservedAsync("b", document);
            var ids = new List<string>();
            Ids(body, ids);
            if (ids.Any(id => id.StartsWith(proxy, StringComparison.Ordinal)))
            {
                proxied++;
            }

            if (originals.Count == 0)
            {
                continue;
            }

            withServices++;
            foreach (var original in originals.Distinct(StringComparer.Ordinal))
            {
                // Each service is ours in the copy, and nothing names the institution's service or an image request under it
                // (canvases and annotations some name under it keep their ids).
                var normalized = ResourceKey.NormalizeImageServiceId(original);
                if (!ids.Contains(proxy + ResourceKey.ForImageService(original)))
                {
                    failures.Add($"{document.File} re-served at {url}: no service {proxy}{ResourceKey.ForImageService(original)} for {original}");
                }

                foreach (var id in ids.Where(id => id == original || id == normalized
                    || (id.StartsWith(normalized + "/", StringComparison.Ordinal) && id[normalized.Length..].Split('/') is ["", _, _, _, var file] && file.Contains('.', StringComparison.Ordinal))))
                {
                    failures.Add($"{document.File} re-served at {url}: still names the institution's image service {original}: {id}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(withServices > 0, "no corpus manifest on the proxied site has an image service");

        // Exactly the manifests with image services name our proxy: each of them, and no other.
        Assert.Equal(withServices, proxied);
    }

    // The ids (id, @id) of the Image API services (any version: by type, or by an image context or profile) in a document.
    private static void ImageServiceIds(JsonNode? node, List<string> ids)
    {
        switch (node)
        {
            case JsonObject o:
                var type = Text(o["type"]) ?? Text(o["@type"]);
                var isImageService = type is "ImageService1" or "ImageService2" or "ImageService3"
                    || ((type is null || type.Contains("ImageService", StringComparison.Ordinal)) && (NamesImageApi(o["@context"]) || NamesImageApi(o["profile"])));
                if (isImageService && Text(o.ContainsKey("id") ? o["id"] : o["@id"]) is { } id
                    && Uri.TryCreate(id, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    ids.Add(id);
                }

                foreach (var (_, child) in o)
                {
                    ImageServiceIds(child, ids);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    ImageServiceIds(child, ids);
                }

                break;
        }

        static bool NamesImageApi(JsonNode? value) => value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s.Contains("iiif.io/api/image/", StringComparison.Ordinal)
                || s.Contains("library.stanford.edu/iiif/image-api", StringComparison.Ordinal),
            JsonArray a => a.Any(NamesImageApi),
            _ => false,
        };
    }

    // Every id and @id value in a document.
    private static void Ids(JsonNode? node, List<string> ids)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (name is "id" or "@id" && Text(child) is { } id)
                    {
                        ids.Add(id);
                    }

                    Ids(child, ids);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Ids(child, ids);
                }

                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private async Task<string> KeyOfAManifestWithTextAsync()
    {
        var all = await corpus.GetJsonAsync("/iiif/search/2/all?q=the");
        var manifest = (string)all["items"]![0]!["target"]!["partOf"]![0]!["id"]!;
        var found = await corpus.GetJsonAsync($"/api/resources?uri={Uri.EscapeDataString(manifest)}");
        return (string)found["key"]!;
    }

    /// <summary>
    /// Checks our copy of one document: the whole against the schema when the institution's document passes it,
    /// otherwise our <c>service</c> and <c>seeAlso</c> alone. Returns whether the whole was checked.
    /// </summary>
    private async Task<bool> CheckAsync(string site, CorpusDocument document, List<string> failures)
    {
        var (url, body) = await corpus.ReservedAsync(site, document);
        if (corpus.IsValidAsPublished(document))
        {
            var errors = PresentationSchema.Errors(body);
            if (errors.Count > 0)
            {
                failures.Add(PresentationSchema.Describe($"{document.File} re-served at {url}", errors));
            }

            return true;
        }

        output.WriteLine($"{document.File}: fails the schema as published; checking our service and seeAlso entries only");
        var ours = new[]
        {
            ("service", new JsonArray([.. body["service"]!.AsArray().Take(2).Select(s => s!.DeepClone())]), "service"),
            ("seeAlso", new JsonArray(body["seeAlso"]!.AsArray().Last()!.DeepClone()), "seeAlso"),
        };
        foreach (var (name, entries, schemaClass) in ours)
        {
            var errors = PresentationSchema.Errors(entries, schemaClass);
            if (errors.Count > 0)
            {
                failures.Add(PresentationSchema.Describe($"{document.File} re-served at {url}, our {name} entries", errors));
            }
        }

        return false;
    }

    private static void AssertValid(string name, JsonNode document)
    {
        var errors = PresentationSchema.Errors(document);
        Assert.True(errors.Count == 0, PresentationSchema.Describe(name, errors));
    }

    /// <summary>JSON paths of the entries of any <c>service</c> (at any depth) that carry an <c>@context</c>.</summary>
    private static IEnumerable<string> ServicesWithContext(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name is "service" or "services")
                    {
                        var entries = value is JsonArray array ? array.ToList() : [value];
                        for (var i = 0; i < entries.Count; i++)
                        {
                            if (entries[i] is JsonObject entry && entry.ContainsKey("@context"))
                            {
                                yield return $"{path}.{name}[{i}]";
                            }
                        }
                    }

                    foreach (var found in ServicesWithContext(value, $"{path}.{name}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var found in ServicesWithContext(list[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}
