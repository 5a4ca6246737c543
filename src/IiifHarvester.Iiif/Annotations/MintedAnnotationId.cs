using System.Text.Json;
using IiifHarvester.Iiif.Identity;

namespace IiifHarvester.Iiif.Annotations;

/// <summary>
/// An id for an annotation published without one (annotation stores of the Mirador 2 era publish
/// <c>oa:Annotation</c>s with no <c>@id</c>): minted from what makes it that annotation, its target, body and
/// motivation, so the same annotation gets the same id at every harvest and two different ones never share it.
/// </summary>
public static class MintedAnnotationId
{
    /// <summary>The URN scheme prefix of minted ids.</summary>
    public const string Prefix = "urn:iiifharvester:annotation:";

    /// <summary>The minted id of <paramref name="annotation"/> (a JSON object).</summary>
    public static string Of(JsonElement annotation)
    {
        var parts = new System.Text.StringBuilder();
        foreach (var name in (ReadOnlySpan<string>)["target", "on", "body", "resource", "bodyValue", "motivation"])
        {
            if (annotation.ValueKind == JsonValueKind.Object && annotation.TryGetProperty(name, out var value))
            {
                parts.Append(name).Append('=').Append(value.GetRawText()).Append('\n');
            }
        }

        return Prefix + ResourceKey.For(parts.ToString());
    }
}
