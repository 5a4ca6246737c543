using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Search;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// IIIF Content State 1.0: an annotation with motivation <c>contentState</c> whose target is a canvas (with an
/// <c>xywh</c> fragment for a region, <c>t</c> for a stretch of time) or a manifest, <c>partOf</c> the manifest (§2.2, §3.1), encoded as §6.1 says:
/// the JSON passed through <c>encodeURIComponent</c>, then base64url, without padding. Every annotation has an
/// HTTP(S) URI of its own (Presentation 3.0 §3.4, the Web Annotation model's <c>id</c>; the official Presentation 3.0
/// schema requires it), so a state's <c>id</c> is minted under our copy of the manifest from what it targets:
/// <c>{manifest}/content-states/{key}</c>, the same for the same target every time (like our search hits' ids, it
/// names the state and is not served).
/// </summary>
public static class ContentState
{
    /// <summary>The query parameter viewers accept a content state in (§3.1).</summary>
    public const string Parameter = "iiif-content";

    /// <summary>The content state of a whole object (our re-served manifest).</summary>
    public static string ForManifest(string manifestUrl) =>
        Json(manifestUrl, manifestUrl, w =>
        {
            w.WriteStartObject("target");
            w.WriteString("id", manifestUrl);
            w.WriteString("type", "Manifest");
            w.WriteEndObject();
        });

    /// <summary>
    /// The content state of a canvas of a manifest, and of a region on it and a stretch of its time (audio, video)
    /// when given.
    /// </summary>
    public static string ForCanvas(string manifestUrl, string canvasId, Region? region, TimeRange? time = null)
    {
        var targetId = MediaFragment.Select(canvasId, region, time);
        return Json(manifestUrl, targetId, w =>
        {
            w.WriteStartObject("target");
            w.WriteString("id", targetId);
            w.WriteString("type", "Canvas");
            w.WriteStartArray("partOf");
            w.WriteStartObject();
            w.WriteString("id", manifestUrl);
            w.WriteString("type", "Manifest");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Encodes a content state's JSON for a URL (§6.1).</summary>
    public static string Encode(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var uriEncoded = EncodeUriComponent(json);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(uriEncoded));
    }

    /// <summary>Decodes what <see cref="Encode"/> made (§6.1); null when it is not a content state encoding.</summary>
    public static string? Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            return Uri.UnescapeDataString(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>JavaScript's <c>encodeURIComponent</c>: UTF-8 percent-encoding of all but <c>A-Z a-z 0-9 - _ . ! ~ * ' ( )</c>.</summary>
    private static string EncodeUriComponent(string value)
    {
        var escaped = Uri.EscapeDataString(value);
        return escaped
            .Replace("%21", "!", StringComparison.Ordinal)
            .Replace("%2A", "*", StringComparison.Ordinal)
            .Replace("%27", "'", StringComparison.Ordinal)
            .Replace("%28", "(", StringComparison.Ordinal)
            .Replace("%29", ")", StringComparison.Ordinal);
    }

    private static string Json(string manifestUrl, string targetId, Action<Utf8JsonWriter> target)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("@context", MediaTypes.Presentation3Context);
            writer.WriteString("id", $"{manifestUrl}/content-states/{ResourceKey.For(targetId)}");
            writer.WriteString("type", "Annotation");
            writer.WriteStartArray("motivation");
            writer.WriteStringValue("contentState");
            writer.WriteEndArray();
            target(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
