using System.Text.Json;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Search;

namespace IiifHarvester.Web.Resources;

/// <summary>
/// Writes <c>partOf</c>: the collections that list a resource, each as Presentation 3 references a collection (the
/// institution's <c>id</c>, <c>type</c> <c>Collection</c>, its <c>label</c> when harvested), each with the collections
/// that list it in its own <c>partOf</c>, up to the top: every collection the resource is in, at any depth. A cycle is
/// cut where it closes.
/// </summary>
internal static class CollectionPartOf
{
    private const int MaxDepth = 32;

    public static void Write(Utf8JsonWriter writer, IContentSearch search, ResourceSummary resource)
    {
        var path = new HashSet<string>(StringComparer.Ordinal) { resource.Uri };
        writer.WriteStartArray("partOf");
        WriteItems(writer, search, resource.ParentCollections, path);
        writer.WriteEndArray();
    }

    private static void WriteItems(Utf8JsonWriter writer, IContentSearch search, IReadOnlyList<string> parents, HashSet<string> path)
    {
        foreach (var parent in parents.Distinct(StringComparer.Ordinal))
        {
            if (path.Contains(parent))
            {
                continue;
            }

            var summary = search.FindByUri(parent);
            writer.WriteStartObject();
            writer.WriteString("id", parent);
            writer.WriteString("type", "Collection");
            if (summary is not null)
            {
                JsonWriting.WriteLanguageMap(writer, "label", summary.Label);
                var above = summary.ParentCollections.Where(p => !path.Contains(p)).ToList();
                if (above.Count > 0 && path.Count < MaxDepth)
                {
                    path.Add(parent);
                    writer.WriteStartArray("partOf");
                    WriteItems(writer, search, above, path);
                    writer.WriteEndArray();
                    path.Remove(parent);
                }
            }

            writer.WriteEndObject();
        }
    }
}
