using IiifHarvester.Iiif.Inspection;
using IiifHarvester.Iiif.Ocr;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Commands;

/// <summary><c>inspect PATH|URL</c>: print what we understood of one document as JSON, or a one-line reason and exit 2.</summary>
internal static class InspectCommand
{
    private const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var target = args.Target!;
        byte[] bytes;
        try
        {
            bytes = await ReadAsync(target, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or UnauthorizedAccessException or TaskCanceledException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"{target}: cannot read: {ex.Message}");
            return 2;
        }

        var documentUri = Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? target : null;
        var (error, json) = Understand(bytes, documentUri);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync($"{target}: {error}");
            return 2;
        }

        Console.WriteLine(json);
        return 0;
    }

    /// <summary>An OCR file (ALTO, hOCR) when it sniffs as one, otherwise a IIIF JSON document.</summary>
    private static (string? Error, string Json) Understand(byte[] bytes, string? documentUri)
    {
        if (OcrFormatSniffer.Sniff(bytes) is { } format)
        {
            var ocr = OcrParser.Parse(bytes, format, new OcrTarget(documentUri ?? "urn:iiifharvester:inspect", null, null, null));
            return (ocr.Error, IiifInspector.ToJson(ocr));
        }

        var outcome = IiifParser.Parse(bytes, new IiifParserOptions { DocumentUri = documentUri });
        return (outcome.Error, IiifInspector.ToJson(outcome));
    }

    private static async Task<byte[]> ReadAsync(string target, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60), MaxResponseContentBufferSize = MaxBytes };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("IiifHarvester-inspect/1.0");
            http.DefaultRequestHeaders.Accept.ParseAdd("application/ld+json, application/json;q=0.9, */*;q=0.1");
            return await http.GetByteArrayAsync(uri, cancellationToken);
        }

        var info = new FileInfo(target);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new InvalidDataException($"the file is {info.Length} bytes, over {MaxBytes}");
        }

        return await File.ReadAllBytesAsync(target, cancellationToken);
    }
}
