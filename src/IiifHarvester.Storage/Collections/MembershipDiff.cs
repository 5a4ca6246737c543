using System.Text;
using System.Text.Json;

namespace IiifHarvester.Storage.Collections;

/// <summary>What both stores share about membership: which members a new listing changes, and the walk's bounds.</summary>
internal static class MembershipDiff
{
    /// <summary>How far up the ancestors are followed (a bound for cycles; real trees are a handful deep).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The members whose membership <paramref name="listing"/> changes against what its document listed before
    /// (<paramref name="recorded"/>, member to collection): added, dropped, or now in another collection.
    /// </summary>
    public static List<string> Changed(IReadOnlyDictionary<string, string> recorded, CollectionListing listing)
    {
        var listed = listing.Members.ToHashSet(StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var (member, collection) in recorded)
        {
            if (!listed.Contains(member) || !string.Equals(collection, listing.CollectionUri, StringComparison.Ordinal))
            {
                changed.Add(member);
            }
        }

        changed.AddRange(listed.Where(m => !recorded.ContainsKey(m)));
        return changed;
    }

    /// <summary>URIs as a JSON array of strings (SQLite's <c>json_each</c> reads it).</summary>
    public static string ToJsonArray(IEnumerable<string> uris)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var uri in uris)
            {
                writer.WriteStringValue(uri);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
