using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IiifHarvester.Iiif.Ocr;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Inspection;

/// <summary>
/// What we understood of a document, as indented JSON, for the <c>inspect</c> verb: the normalized record with
/// its warnings (or the rejection), enums as strings, language maps as objects.
/// </summary>
public static class IiifInspector
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(), new LanguageMapJsonConverter() },
    };

    /// <summary>The outcome of <see cref="IiifParser.Parse(ReadOnlySpan{byte}, IiifParserOptions?)"/> as indented JSON.</summary>
    public static string ToJson(ParseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var view = new Dictionary<string, object?>
        {
            ["accepted"] = outcome.IsSuccess,
            ["error"] = outcome.Error,
            ["documentType"] = outcome.Document?.GetType().Name,
            ["warnings"] = outcome.Warnings,
            ["document"] = outcome.Document,
        };
        return JsonSerializer.Serialize(view, Options);
    }

    /// <summary>The outcome of <see cref="OcrParser"/> as indented JSON.</summary>
    public static string ToJson(OcrParseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var view = new Dictionary<string, object?>
        {
            ["accepted"] = outcome.IsSuccess,
            ["error"] = outcome.Error,
            ["format"] = outcome.Format,
            ["pageSize"] = outcome.PageSize is { } size ? new { size.Width, size.Height } : null,
            ["warnings"] = outcome.Warnings,
            ["records"] = outcome.Records,
        };
        return JsonSerializer.Serialize(view, Options);
    }

    /// <summary>
    /// Inspects any file the harvester reads: JSON goes to <see cref="IiifParser"/>; ALTO or hOCR (sniffed) goes to
    /// <see cref="OcrParser"/> onto a canvas named by <paramref name="canvasId"/> (of unknown size, so coordinates
    /// stay in OCR page units unless <paramref name="canvasWidth"/> and <paramref name="canvasHeight"/> are given).
    /// </summary>
    public static string Inspect(ReadOnlySpan<byte> bytes, string? documentUri = null, string? canvasId = null, int? canvasWidth = null, int? canvasHeight = null)
    {
        var trimmed = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        trimmed = trimmed.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'<' && OcrFormatSniffer.Sniff(bytes) is { } format)
        {
            var target = new OcrTarget(canvasId ?? documentUri ?? "urn:iiif-harvester:inspect", canvasWidth, canvasHeight, null);
            return ToJson(OcrParser.Parse(bytes, format, target));
        }

        return ToJson(IiifParser.Parse(bytes, new IiifParserOptions { DocumentUri = documentUri }));
    }
}
