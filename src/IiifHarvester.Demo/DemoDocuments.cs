using System.Globalization;
using System.Text.Json;

namespace IiifHarvester.Demo;

/// <summary>Renders the demo institution's documents as IIIF JSON.</summary>
public sealed class DemoDocuments
{
    private const string Presentation2 = "http://iiif.io/api/presentation/2/context.json";
    private const string Presentation3 = "http://iiif.io/api/presentation/3/context.json";
    private const string DiscoveryContext = "http://iiif.io/api/discovery/1/context.json";
    private const int CanvasSize = 1000;

    private readonly DemoInstitution _institution;

    /// <summary>Creates a renderer for <paramref name="institution"/>.</summary>
    public DemoDocuments(DemoInstitution institution) => _institution = institution;

    private DemoInstitutionOptions Options => _institution.Options;

    /// <summary>The manifest, or null when it does not exist (deleted or never created).</summary>
    public byte[]? Manifest(int index)
    {
        if (!_institution.Exists(index))
        {
            return null;
        }

        return Write(w =>
        {
            if (DemoInstitution.IsV3(index))
            {
                ManifestV3(w, index);
            }
            else
            {
                ManifestV2(w, index);
            }
        });
    }

    /// <summary>The annotation list (v2) or page (v3) of one canvas, or null.</summary>
    public byte[]? Annotations(int index, int canvas)
    {
        if (!_institution.Exists(index) || canvas < 0 || canvas >= Options.CanvasesPerManifest)
        {
            return null;
        }

        var v3 = DemoInstitution.IsV3(index);
        var revision = _institution.ContentRevision(index);
        var language = Language(index);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", v3 ? Presentation3 : Presentation2);
            w.WriteString(v3 ? "id" : "@id", _institution.AnnotationsUri(index, canvas));
            w.WriteString(v3 ? "type" : "@type", v3 ? "AnnotationPage" : "sc:AnnotationList");
            w.WriteStartArray(v3 ? "items" : "resources");
            for (var line = 0; line < Options.LinesPerCanvas; line++)
            {
                var text = DemoText.Line(Options.Seed, index, canvas, line, revision);
                var target = $"{_institution.CanvasUri(index, canvas)}#xywh=50,{60 + (line * 140)},900,100";
                var id = $"{_institution.AnnotationsUri(index, canvas)}/a{line}";
                w.WriteStartObject();
                if (v3)
                {
                    w.WriteString("id", id);
                    w.WriteString("type", "Annotation");
                    w.WriteString("motivation", "supplementing");
                    w.WriteStartObject("body");
                    w.WriteString("type", "TextualBody");
                    w.WriteString("value", text);
                    w.WriteString("format", "text/plain");
                    w.WriteString("language", language);
                    w.WriteEndObject();
                    w.WriteString("target", target);
                }
                else
                {
                    w.WriteString("@id", id);
                    w.WriteString("@type", "oa:Annotation");
                    w.WriteString("motivation", "sc:painting");
                    w.WriteStartObject("resource");
                    w.WriteString("@type", "cnt:ContentAsText");
                    w.WriteString("format", "text/plain");
                    w.WriteString("chars", text);
                    w.WriteString("language", language);
                    w.WriteEndObject();
                    w.WriteString("on", target);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The top collection: branches of ten leaf collections each.</summary>
    public byte[] TopCollection() => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("@context", Presentation3);
        w.WriteString("id", _institution.TopCollectionUri);
        w.WriteString("type", "Collection");
        LanguageMap(w, "label", ("en", "Demo Institution: all collections"), ("ja", "デモ機関の全コレクション"));
        w.WriteStartArray("items");
        for (var b = 0; b < _institution.BranchCollections; b++)
        {
            w.WriteStartObject();
            w.WriteString("id", BranchUri(b));
            w.WriteString("type", "Collection");
            LanguageMap(w, "label", ("en", $"Series {b + 1}"));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A branch collection (v3), or null.</summary>
    public byte[]? Branch(int branch)
    {
        if (branch < 0 || branch >= _institution.BranchCollections)
        {
            return null;
        }

        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", Presentation3);
            w.WriteString("id", BranchUri(branch));
            w.WriteString("type", "Collection");
            LanguageMap(w, "label", ("en", $"Series {branch + 1}"));
            w.WriteStartArray("partOf");
            w.WriteStartObject();
            w.WriteString("id", _institution.TopCollectionUri);
            w.WriteString("type", "Collection");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("items");
            for (var leaf = branch * 10; leaf < Math.Min(_institution.LeafCollections, (branch + 1) * 10); leaf++)
            {
                w.WriteStartObject();
                w.WriteString("id", LeafUri(leaf));
                w.WriteString("type", "Collection");
                LanguageMap(w, "label", ("en", $"Box {leaf + 1}"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>A leaf collection holding the live manifests of its range: v3 for even leaves, v2 for odd; or null.</summary>
    public byte[]? Leaf(int leaf)
    {
        if (leaf < 0 || leaf >= _institution.LeafCollections)
        {
            return null;
        }

        var first = leaf * Options.ManifestsPerCollection;
        var members = Enumerable.Range(first, Options.ManifestsPerCollection).Where(_institution.Exists).ToList();
        return Write(w =>
        {
            w.WriteStartObject();
            if (leaf % 2 == 0)
            {
                w.WriteString("@context", Presentation3);
                w.WriteString("id", LeafUri(leaf));
                w.WriteString("type", "Collection");
                LanguageMap(w, "label", ("en", $"Box {leaf + 1}"));
                w.WriteStartArray("items");
                foreach (var i in members)
                {
                    w.WriteStartObject();
                    w.WriteString("id", _institution.ManifestUri(i));
                    w.WriteString("type", "Manifest");
                    LanguageMap(w, "label", ("en", Title(i)));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteString("@context", Presentation2);
                w.WriteString("@id", LeafUri(leaf));
                w.WriteString("@type", "sc:Collection");
                w.WriteString("label", $"Box {leaf + 1}");
                w.WriteString("within", BranchUri(leaf / 10));
                w.WriteStartArray("manifests");
                foreach (var i in members)
                {
                    w.WriteStartObject();
                    w.WriteString("@id", _institution.ManifestUri(i));
                    w.WriteString("@type", "sc:Manifest");
                    w.WriteString("label", Title(i));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>The stream's OrderedCollection (Change Discovery 1.0 §2.1).</summary>
    public byte[] Stream()
    {
        var total = _institution.Activities.Count;
        var pages = PageCount(total);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", DiscoveryContext);
            w.WriteString("id", _institution.StreamUri);
            w.WriteString("type", "OrderedCollection");
            w.WriteNumber("totalItems", total);
            PageLink(w, "first", 0);
            PageLink(w, "last", pages - 1);
            w.WriteEndObject();
        });
    }

    /// <summary>A stream page (§2.2), or null.</summary>
    public byte[]? StreamPage(int page)
    {
        var activities = _institution.Activities;
        var pages = PageCount(activities.Count);
        if (page < 0 || page >= pages)
        {
            return null;
        }

        var size = Options.ActivitiesPerPage;
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@context", DiscoveryContext);
            w.WriteString("id", PageUri(page));
            w.WriteString("type", "OrderedCollectionPage");
            w.WriteNumber("startIndex", page * size);
            w.WriteStartObject("partOf");
            w.WriteString("id", _institution.StreamUri);
            w.WriteString("type", "OrderedCollection");
            w.WriteEndObject();
            if (page > 0)
            {
                PageLink(w, "prev", page - 1);
            }

            if (page < pages - 1)
            {
                PageLink(w, "next", page + 1);
            }

            w.WriteStartArray("orderedItems");
            for (var i = page * size; i < Math.Min(activities.Count, (page + 1) * size); i++)
            {
                var a = activities[i];
                w.WriteStartObject();
                w.WriteString("type", a.Type.ToString());
                w.WriteStartObject("object");
                w.WriteString("id", a.ObjectId);
                w.WriteString("type", a.ObjectType);
                w.WriteEndObject();
                w.WriteString("endTime", a.EndTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The id of a branch collection.</summary>
    public string BranchUri(int branch) => $"{_institution.BaseUri}/collection/series/{branch}";

    /// <summary>The id of a leaf collection.</summary>
    public string LeafUri(int leaf) => $"{_institution.BaseUri}/collection/box/{leaf}";

    /// <summary>The id of a stream page.</summary>
    public string PageUri(int page) => $"{_institution.BaseUri}/activity/page/{page}";

    private int PageCount(int total) => Math.Max(1, (total + Options.ActivitiesPerPage - 1) / Options.ActivitiesPerPage);

    private void PageLink(Utf8JsonWriter w, string name, int page)
    {
        w.WriteStartObject(name);
        w.WriteString("id", PageUri(page));
        w.WriteString("type", "OrderedCollectionPage");
        w.WriteEndObject();
    }

    private void ManifestV3(Utf8JsonWriter w, int index)
    {
        var random = new Random(DemoSeed.Of(Options.Seed, index));
        w.WriteStartObject();
        w.WriteString("@context", Presentation3);
        w.WriteString("id", _institution.ManifestUri(index));
        w.WriteString("type", "Manifest");
        LanguageMap(w, "label", LabelValues(index));
        LanguageMap(w, "summary", ("en", $"<p>A <b>digitised</b> object from {Place(random)}, harvested for the demo. <a href=\"https://example.org/objects/{index}\">Catalogue record</a></p>"));
        w.WriteStartArray("metadata");
        Metadata3(w, ("en", "Date"), ("none", Year(random).ToString(CultureInfo.InvariantCulture)));
        Metadata3(w, ("en", "Subject"), ("en", DemoText.Subjects[index % DemoText.Subjects.Length]));
        Metadata3(w, ("en", "Place"), ("none", Place(random)));
        Metadata3(w, ("en", "Description"), ("en", $"<span>Folio with <i>marginalia</i> &amp; a seal</span><script>alert({index})</script>"));
        if (DemoText.ScriptOf(index) == DemoText.Script.Japanese)
        {
            Metadata3(w, ("ja", "種類"), ("ja", "絵巻物"));
        }
        else if (DemoText.ScriptOf(index) == DemoText.Script.Chinese)
        {
            Metadata3(w, ("zh", "类型"), ("zh", "古籍"));
        }

        w.WriteEndArray();
        w.WriteStartObject("requiredStatement");
        LanguageMap(w, "label", ("en", "Attribution"));
        LanguageMap(w, "value", ("en", "Provided by the <b>Demo Institution</b>"));
        w.WriteEndObject();
        w.WriteString("rights", "http://creativecommons.org/licenses/by/4.0/");
        w.WriteString("navDate", $"{Year(new Random(DemoSeed.Of(Options.Seed, index)))}-01-01T00:00:00Z");
        w.WriteStartArray("provider");
        w.WriteStartObject();
        w.WriteString("id", $"{_institution.BaseUri}/about");
        w.WriteString("type", "Agent");
        LanguageMap(w, "label", ("en", "Demo Institution"));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("homepage");
        w.WriteStartObject();
        w.WriteString("id", $"{_institution.BaseUri}/objects/{index}");
        w.WriteString("type", "Text");
        LanguageMap(w, "label", ("en", "Object page"));
        w.WriteString("format", "text/html");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("items");
        for (var c = 0; c < Options.CanvasesPerManifest; c++)
        {
            var canvasId = _institution.CanvasUri(index, c);
            w.WriteStartObject();
            w.WriteString("id", canvasId);
            w.WriteString("type", "Canvas");
            LanguageMap(w, "label", ("none", $"f. {c + 1}r"));
            w.WriteNumber("width", CanvasSize);
            w.WriteNumber("height", CanvasSize);
            w.WriteStartArray("items");
            w.WriteStartObject();
            w.WriteString("id", $"{canvasId}/page");
            w.WriteString("type", "AnnotationPage");
            w.WriteStartArray("items");
            w.WriteStartObject();
            w.WriteString("id", $"{canvasId}/image");
            w.WriteString("type", "Annotation");
            w.WriteString("motivation", "painting");
            w.WriteStartObject("body");
            var image = ImageOf(index, c);
            w.WriteString("id", $"{_institution.ImageServiceUri(image)}/full/max/0/default.jpg");
            w.WriteString("type", "Image");
            w.WriteString("format", "image/jpeg");
            w.WriteNumber("width", CanvasSize);
            w.WriteNumber("height", CanvasSize);
            if (Options.Images)
            {
                w.WriteStartArray("service");
                w.WriteStartObject();
                w.WriteString("id", _institution.ImageServiceUri(image));
                w.WriteString("type", "ImageService3");
                w.WriteString("profile", "level0");
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteString("target", canvasId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("annotations");
            w.WriteStartObject();
            w.WriteString("id", _institution.AnnotationsUri(index, c));
            w.WriteString("type", "AnnotationPage");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void ManifestV2(Utf8JsonWriter w, int index)
    {
        var random = new Random(DemoSeed.Of(Options.Seed, index));
        w.WriteStartObject();
        w.WriteString("@context", Presentation2);
        w.WriteString("@id", _institution.ManifestUri(index));
        w.WriteString("@type", "sc:Manifest");
        w.WriteStartArray("label");
        foreach (var (language, value) in LabelValues(index))
        {
            w.WriteStartObject();
            w.WriteString("@value", value);
            w.WriteString("@language", language);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("description", $"A digitised object from {Place(random)}, harvested for the demo.");
        w.WriteStartArray("metadata");
        Metadata2(w, "Date", Year(random).ToString(CultureInfo.InvariantCulture));
        Metadata2(w, "Subject", DemoText.Subjects[index % DemoText.Subjects.Length]);
        Metadata2(w, "Place", Place(random));
        Metadata2(w, "Description", $"<p>Folio with <i>marginalia</i> &amp; a seal <img src=\"x\" onerror=\"alert({index})\"></p>");
        w.WriteEndArray();
        w.WriteString("attribution", "Provided by the <b>Demo Institution</b>");
        w.WriteString("license", "http://creativecommons.org/licenses/by/4.0/");
        w.WriteString("logo", $"{_institution.BaseUri}/logo.png");
        w.WriteString("navDate", $"{Year(new Random(DemoSeed.Of(Options.Seed, index)))}-01-01T00:00:00Z");
        w.WriteString("related", $"{_institution.BaseUri}/objects/{index}");
        w.WriteStartArray("sequences");
        w.WriteStartObject();
        w.WriteString("@id", $"{_institution.ManifestUri(index)}/sequence/normal");
        w.WriteString("@type", "sc:Sequence");
        w.WriteStartArray("canvases");
        for (var c = 0; c < Options.CanvasesPerManifest; c++)
        {
            var canvasId = _institution.CanvasUri(index, c);
            var image = ImageOf(index, c);
            w.WriteStartObject();
            w.WriteString("@id", canvasId);
            w.WriteString("@type", "sc:Canvas");
            w.WriteString("label", $"f. {c + 1}r");
            w.WriteNumber("width", CanvasSize);
            w.WriteNumber("height", CanvasSize);
            w.WriteStartArray("images");
            w.WriteStartObject();
            w.WriteString("@id", $"{canvasId}/image");
            w.WriteString("@type", "oa:Annotation");
            w.WriteString("motivation", "sc:painting");
            w.WriteStartObject("resource");
            w.WriteString("@id", $"{_institution.ImageServiceUri(image)}/full/full/0/default.jpg");
            w.WriteString("@type", "dctypes:Image");
            w.WriteString("format", "image/jpeg");
            w.WriteNumber("width", CanvasSize);
            w.WriteNumber("height", CanvasSize);
            if (Options.Images)
            {
                w.WriteStartObject("service");
                w.WriteString("@context", "http://iiif.io/api/image/3/context.json");
                w.WriteString("id", _institution.ImageServiceUri(image));
                w.WriteString("type", "ImageService3");
                w.WriteString("profile", "level0");
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("on", canvasId);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("otherContent");
            w.WriteStartObject();
            w.WriteString("@id", _institution.AnnotationsUri(index, c));
            w.WriteString("@type", "sc:AnnotationList");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static (string Language, string Value)[] LabelValues(int index) => DemoText.ScriptOf(index) switch
    {
        DemoText.Script.Chinese => [("en", Title(index)), ("zh", $"古籍 第{index}号")],
        DemoText.Script.Japanese => [("en", Title(index)), ("ja", $"絵巻物 第{index}号")],
        _ => [("en", Title(index)), ("fr", $"Objet {index}")],
    };

    private static string Title(int index) => $"Item {index}: {DemoText.Subjects[index % DemoText.Subjects.Length]}";

    private static string Language(int index) => DemoText.ScriptOf(index) switch
    {
        DemoText.Script.Chinese => "zh",
        DemoText.Script.Japanese => "ja",
        _ => "en",
    };

    private static int ImageOf(int index, int canvas) => (index + canvas) % DemoImages.Count;

    private static int Year(Random random) => 1200 + random.Next(800);

    private static string Place(Random random) => DemoText.Places[random.Next(DemoText.Places.Length)];

    private static void LanguageMap(Utf8JsonWriter w, string name, params (string Language, string Value)[] values)
    {
        w.WriteStartObject(name);
        foreach (var group in values.GroupBy(v => v.Language))
        {
            w.WriteStartArray(group.Key);
            foreach (var (_, value) in group)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Metadata3(Utf8JsonWriter w, (string, string) label, (string, string) value)
    {
        w.WriteStartObject();
        LanguageMap(w, "label", label);
        LanguageMap(w, "value", value);
        w.WriteEndObject();
    }

    private static void Metadata2(Utf8JsonWriter w, string label, string value)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return buffer.ToArray();
    }
}
