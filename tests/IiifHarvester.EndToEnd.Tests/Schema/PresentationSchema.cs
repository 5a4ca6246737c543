using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.TestUtilities;
using Json.Schema;

namespace IiifHarvester.EndToEnd.Tests.Schema;

/// <summary>
/// The official IIIF Presentation 3.0 JSON schema (../shared/specs/presentation-3.0.schema.json, draft-07, from the
/// IIIF presentation-validator), read as it is published but for two changes that keep its meaning: its root object
/// names <c>$comment</c> twice (the first of a repeated key is kept), and its subschemas move from <c>types</c> and
/// <c>classes</c> to <c>definitions</c> (see <see cref="Load"/>). <see cref="Errors"/> validates a document as the
/// validator does (the root's <c>oneOf</c>: Manifest, Collection, AnnotationCollection, AnnotationPage, Annotation)
/// and explains a failure against the class the document's <c>type</c> names, since a <c>oneOf</c> failure alone
/// lists every branch.
/// </summary>
internal static class PresentationSchema
{
    private const string Id = "http://iiif.io/api/presentation/3/schema.json";

    private static readonly Lazy<JsonObject> Source = new(Load);
    private static readonly Lazy<JsonSchema> Root = new(() => JsonSchema.FromText(Source.Value.ToJsonString()));
    private static readonly Dictionary<string, JsonSchema> Classes = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        EvaluateAs = SpecVersion.Draft7,
    };

    private static readonly EvaluationOptions FlagOptions = new()
    {
        OutputFormat = OutputFormat.Flag,
        EvaluateAs = SpecVersion.Draft7,
    };

    /// <summary>The schema's class names for the root types a document may have.</summary>
    private static readonly Dictionary<string, string> RootClasses = new(StringComparer.Ordinal)
    {
        ["Manifest"] = "manifest",
        ["Collection"] = "collection",
        ["AnnotationCollection"] = "annotationCollection",
        ["AnnotationPage"] = "annotationPage",
        ["Annotation"] = "annotation",
    };

    /// <summary>Where the schema lives (<c>../shared/specs</c>).</summary>
    public static string FilePath => Path.Combine(RepositoryPaths.Shared, "specs", "presentation-3.0.schema.json");

    /// <summary>Whether <paramref name="document"/> passes the schema as a whole document (the quick check: no detail).</summary>
    /// <remarks>
    /// A document whose <c>type</c> names one of the root's classes is checked against that class alone: each other
    /// class fixes a different <c>type</c>, so the root's <c>oneOf</c> holds exactly when that class does, and the
    /// others (a collection's items tried against every canvas of a manifest) cost most of the time.
    /// </remarks>
    public static bool IsValid(JsonNode document) =>
        ((string?)(document["type"] as JsonValue) is { } type && RootClasses.TryGetValue(type, out var named) ? Class(named) : Root.Value)
            .Evaluate(document, FlagOptions).IsValid;

    /// <summary>
    /// The schema's complaints about <paramref name="document"/> as a whole document (empty when it is valid), or,
    /// with <paramref name="schemaClass"/> (a name under the schema's <c>classes</c>, e.g. <c>annotation</c>), about
    /// it as that class.
    /// </summary>
    public static IReadOnlyList<string> Errors(JsonNode document, string? schemaClass = null)
    {
        var asked = schemaClass is not null;
        if (schemaClass is null)
        {
            if (IsValid(document))
            {
                return [];
            }

            schemaClass = (string?)document["type"] is { } type && RootClasses.TryGetValue(type, out var named) ? named : null;
            if (schemaClass is null)
            {
                return [$"the schema accepts no document of type '{(string?)document["type"]}' at the root"];
            }
        }

        var result = Class(schemaClass).Evaluate(document, Options);
        if (result.IsValid)
        {
            // Valid as its own class but not as a document: the root's oneOf matched it more than once.
            return asked ? [] : [$"valid as {schemaClass} but not as one single root type (the schema's oneOf)"];
        }

        var errors = new List<string>();
        Collect(result, errors);
        return errors.Count > 0 ? errors : [$"invalid as {schemaClass} (no detail)"];
    }

    /// <summary>
    /// The errors of the failed nodes, descending only into failed subschemas: a subschema that failed under a
    /// keyword that passed (inside <c>not</c>, a <c>oneOf</c> branch beside the one that matched) is no complaint.
    /// </summary>
    private static void Collect(EvaluationResults node, List<string> into)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            var line = $"{node.InstanceLocation} [{node.EvaluationPath}] {keyword}: {message}";
            if (!into.Contains(line))
            {
                into.Add(line);
            }
        }

        foreach (var child in node.Details.Where(d => !d.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal)))
        {
            Collect(child, into);
        }
    }

    /// <summary>A readable account of the errors of a document named <paramref name="name"/>, for an assertion message.</summary>
    public static string Describe(string name, IReadOnlyList<string> errors, int max = 12)
    {
        var text = new StringBuilder();
        text.Append(name).Append(": ").Append(errors.Count).AppendLine(" schema error(s)");
        foreach (var error in errors.Take(max))
        {
            text.Append("  ").AppendLine(error);
        }

        return text.ToString();
    }

    /// <summary>The schema with the root's <c>oneOf</c> narrowed to one class (under an id of its own).</summary>
    private static JsonSchema Class(string name)
    {
        lock (Classes)
        {
            if (!Classes.TryGetValue(name, out var schema))
            {
                var copy = Source.Value.DeepClone().AsObject();
                copy["$id"] = $"{Id}?class={name}";
                copy["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/classes-{name}" });
                schema = JsonSchema.FromText(copy.ToJsonString());
                Classes[name] = schema;
            }

            return schema;
        }
    }

    private static JsonObject Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        var root = (JsonObject)FirstOfEachKey(document.RootElement)!;

        // The schema keeps its subschemas under "types" and "classes", which draft-07 does not know as a place for
        // them; JsonSchema.Net then builds a new schema at every reference into them and, the references being
        // recursive (a collection's items, a service's services), never stops. The same subschemas under
        // "definitions", with every reference pointing there, mean the same and are resolved once.
        var definitions = new JsonObject();
        foreach (var (container, prefix) in new[] { ("types", "types-"), ("classes", "classes-") })
        {
            if (root[container] is JsonObject group)
            {
                root.Remove(container);
                foreach (var (name, subschema) in group.ToList())
                {
                    group.Remove(name);
                    definitions[prefix + name] = subschema;
                }
            }
        }

        root["definitions"] = definitions;
        Redirect(root);
        return root;
    }

    private static void Redirect(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["$ref"] is { } target)
                {
                    obj["$ref"] = target.Replace("#/types/", "#/definitions/types-", StringComparison.Ordinal)
                        .Replace("#/classes/", "#/definitions/classes-", StringComparison.Ordinal);
                }

                foreach (var (_, child) in obj)
                {
                    Redirect(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Redirect(child);
                }

                break;
        }
    }

    /// <summary>A copy of the element in which an object keeps the first of a repeated key.</summary>
    private static JsonNode? FirstOfEachKey(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (!obj.ContainsKey(property.Name))
                    {
                        obj[property.Name] = FirstOfEachKey(property.Value);
                    }
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(FirstOfEachKey)]);
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
