using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IiifHarvester.TestUtilities.Institutions;

/// <summary>The JSON (and ALTO) a <see cref="WireMockInstitution"/> serves, generated from its shape.</summary>
internal static class InstitutionDocuments
{
    private const string DiscoveryContext = "http://iiif.io/api/discovery/1/context.json";

    public static string Manifest(string baseUrl, int index, int canvases, int version, bool annotations, bool ocr, int revision)
    {
        var id = $"{baseUrl}/manifests/{index}.json";
        var label = revision == 0 ? $"Manifest {index}" : $"Manifest {index} revision {revision}";
        var canvasNodes = new JsonArray();
        for (var c = 0; c < canvases; c++)
        {
            var canvasId = $"{baseUrl}/manifests/{index}/canvas/{c}";
            var annotationRef = $"{baseUrl}/annotations/{index}-{c}.json";
            var ocrRef = $"{baseUrl}/ocr/{index}-{c}.xml";
            JsonObject canvas = version == 2
                ? new() { ["@id"] = canvasId, ["@type"] = "sc:Canvas", ["label"] = $"p. {c + 1}", ["width"] = 1000, ["height"] = 1500 }
                : new() { ["id"] = canvasId, ["type"] = "Canvas", ["label"] = Lang($"p. {c + 1}"), ["width"] = 1000, ["height"] = 1500 };
            if (annotations)
            {
                canvas[version == 2 ? "otherContent" : "annotations"] = new JsonArray(version == 2
                    ? new JsonObject { ["@id"] = annotationRef, ["@type"] = "sc:AnnotationList" }
                    : new JsonObject { ["id"] = annotationRef, ["type"] = "AnnotationPage" });
            }

            if (ocr)
            {
                canvas["seeAlso"] = new JsonArray(new JsonObject
                {
                    [version == 2 ? "@id" : "id"] = ocrRef,
                    [version == 2 ? "@type" : "type"] = "Dataset",
                    ["format"] = "application/xml",
                    ["profile"] = "http://www.loc.gov/standards/alto/v4/alto.xsd",
                });
            }

            canvasNodes.Add(canvas);
        }

        JsonObject manifest = version == 2
            ? new()
            {
                ["@context"] = "http://iiif.io/api/presentation/2/context.json",
                ["@id"] = id,
                ["@type"] = "sc:Manifest",
                ["label"] = label,
                ["metadata"] = new JsonArray(new JsonObject { ["label"] = "Index", ["value"] = index.ToString(CultureInfo.InvariantCulture) }),
                ["sequences"] = new JsonArray(new JsonObject { ["@type"] = "sc:Sequence", ["canvases"] = canvasNodes }),
            }
            : new()
            {
                ["@context"] = "http://iiif.io/api/presentation/3/context.json",
                ["id"] = id,
                ["type"] = "Manifest",
                ["label"] = Lang(label),
                ["metadata"] = new JsonArray(new JsonObject { ["label"] = Lang("Index"), ["value"] = Lang(index.ToString(CultureInfo.InvariantCulture)) }),
                ["items"] = canvasNodes,
            };
        return manifest.ToJsonString();
    }

    public static string Annotations(string baseUrl, int index, int canvas, int version)
    {
        var id = $"{baseUrl}/annotations/{index}-{canvas}.json";
        var target = $"{baseUrl}/manifests/{index}/canvas/{canvas}#xywh=10,10,200,40";
        var text = $"Transcribed line {canvas + 1} of manifest {index}";
        JsonObject document = version == 2
            ? new()
            {
                ["@context"] = "http://iiif.io/api/presentation/2/context.json",
                ["@id"] = id,
                ["@type"] = "sc:AnnotationList",
                ["resources"] = new JsonArray(new JsonObject
                {
                    ["@id"] = id + "#a1",
                    ["@type"] = "oa:Annotation",
                    ["motivation"] = "sc:painting",
                    ["resource"] = new JsonObject { ["@type"] = "cnt:ContentAsText", ["format"] = "text/plain", ["chars"] = text },
                    ["on"] = target,
                }),
            }
            : new()
            {
                ["@context"] = "http://iiif.io/api/presentation/3/context.json",
                ["id"] = id,
                ["type"] = "AnnotationPage",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["id"] = id + "#a1",
                    ["type"] = "Annotation",
                    ["motivation"] = "supplementing",
                    ["body"] = new JsonObject { ["type"] = "TextualBody", ["format"] = "text/plain", ["value"] = text },
                    ["target"] = target,
                }),
            };
        return document.ToJsonString();
    }

    public static string Alto(int index, int canvas) =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
          <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
          <Layout><Page ID="p{canvas}" WIDTH="1000" HEIGHT="1500"><PrintSpace>
            <TextBlock ID="b1"><TextLine ID="l1" HPOS="10" VPOS="10" WIDTH="200" HEIGHT="40">
              <String CONTENT="Manifest" HPOS="10" VPOS="10" WIDTH="90" HEIGHT="40"/><SP/>
              <String CONTENT="{index}" HPOS="110" VPOS="10" WIDTH="40" HEIGHT="40"/>
            </TextLine></TextBlock>
          </PrintSpace></Page></Layout>
        </alto>
        """;

    public static string Collection(string id, string label, IEnumerable<(string Id, bool IsCollection, string Label)> members, int version, string? next = null, string? first = null, int? total = null)
    {
        if (version == 2)
        {
            var manifests = new JsonArray();
            var collections = new JsonArray();
            foreach (var (memberId, isCollection, memberLabel) in members)
            {
                (isCollection ? collections : manifests).Add(new JsonObject
                {
                    ["@id"] = memberId,
                    ["@type"] = isCollection ? "sc:Collection" : "sc:Manifest",
                    ["label"] = memberLabel,
                });
            }

            var v2 = new JsonObject
            {
                ["@context"] = "http://iiif.io/api/presentation/2/context.json",
                ["@id"] = id,
                ["@type"] = "sc:Collection",
                ["label"] = label,
            };
            if (total is not null)
            {
                v2["total"] = total;
            }

            if (first is not null)
            {
                v2["first"] = first;
            }

            if (next is not null)
            {
                v2["next"] = next;
            }

            if (collections.Count > 0)
            {
                v2["collections"] = collections;
            }

            if (manifests.Count > 0)
            {
                v2["manifests"] = manifests;
            }

            return v2.ToJsonString();
        }

        var items = new JsonArray();
        foreach (var (memberId, isCollection, memberLabel) in members)
        {
            items.Add(new JsonObject { ["id"] = memberId, ["type"] = isCollection ? "Collection" : "Manifest", ["label"] = Lang(memberLabel) });
        }

        return new JsonObject
        {
            ["@context"] = "http://iiif.io/api/presentation/3/context.json",
            ["id"] = id,
            ["type"] = "Collection",
            ["label"] = Lang(label),
            ["items"] = items,
        }.ToJsonString();
    }

    public static string Stream(string id, string firstPage, string lastPage, int total) => new JsonObject
    {
        ["@context"] = DiscoveryContext,
        ["id"] = id,
        ["type"] = "OrderedCollection",
        ["totalItems"] = total,
        ["first"] = new JsonObject { ["id"] = firstPage, ["type"] = "OrderedCollectionPage" },
        ["last"] = new JsonObject { ["id"] = lastPage, ["type"] = "OrderedCollectionPage" },
    }.ToJsonString();

    /// <summary>A stream that lists its activities itself, without pages.</summary>
    public static string UnpagedStream(string id, IEnumerable<JsonObject> activities) => new JsonObject
    {
        ["@context"] = new JsonArray(DiscoveryContext, "https://www.w3.org/ns/activitystreams"),
        ["id"] = id,
        ["type"] = "OrderedCollection",
        ["totalItems"] = activities.Count(),
        ["orderedItems"] = new JsonArray([.. activities]),
    }.ToJsonString();

    public static string Page(string id, string streamId, string? prev, string? next, int startIndex, IEnumerable<JsonObject> activities)
    {
        var page = new JsonObject
        {
            ["@context"] = DiscoveryContext,
            ["id"] = id,
            ["type"] = "OrderedCollectionPage",
            ["startIndex"] = startIndex,
            ["partOf"] = new JsonObject { ["id"] = streamId, ["type"] = "OrderedCollection" },
        };
        if (prev is not null)
        {
            page["prev"] = new JsonObject { ["id"] = prev, ["type"] = "OrderedCollectionPage" };
        }

        if (next is not null)
        {
            page["next"] = new JsonObject { ["id"] = next, ["type"] = "OrderedCollectionPage" };
        }

        page["orderedItems"] = new JsonArray([.. activities]);
        return page.ToJsonString();
    }

    public static JsonObject Activity(StreamActivity activity, Func<string, string> resolve, string streamId)
    {
        var node = new JsonObject { ["type"] = activity.Type };
        if (activity.ObjectId is not null)
        {
            node["object"] = new JsonObject { ["id"] = resolve(activity.ObjectId), ["type"] = activity.ObjectType };
        }

        if (activity.Target is not null)
        {
            node["target"] = activity.Target == "stream"
                ? new JsonObject { ["id"] = streamId, ["type"] = "OrderedCollection" }
                : new JsonObject { ["id"] = resolve(activity.Target), ["type"] = activity.ObjectType };
        }

        if (activity.Origin is not null)
        {
            node["origin"] = activity.Origin == "stream"
                ? new JsonObject { ["id"] = streamId, ["type"] = "OrderedCollection" }
                : new JsonObject { ["id"] = resolve(activity.Origin), ["type"] = "OrderedCollection" };
        }

        if (activity.StartTime is { } start)
        {
            node["startTime"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (activity.EndTime is { } end)
        {
            node["endTime"] = end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return node;
    }

    private static JsonObject Lang(string value) => new() { ["en"] = new JsonArray(JsonValue.Create(value)) };

    internal static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
