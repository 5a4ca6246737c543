using System.Globalization;
using System.Net;
using System.Text;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Reads WebVTT captions and subtitles (W3C WebVTT, as IIIF cookbook recipes 0219 and 0074 link them from an
/// audio or video canvas): each cue becomes a record on its stretch of the canvas, its text without markup (voice,
/// class, language, ruby and timestamp tags; character references decoded). Cue times are the media's, so they
/// are moved by the start of the stretch the file is placed on (<see cref="OcrTarget.TimeOffset"/>). NOTE, STYLE and
/// REGION blocks are skipped. Timestamps written with a comma, as SubRip writes them, are read with a warning.
/// </summary>
internal static class WebVttReader
{
    private const string Signature = "WEBVTT";

    public static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions options)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || !lines[0].StartsWith(Signature, StringComparison.Ordinal)
            || (lines[0].Length > Signature.Length && lines[0][Signature.Length] is not (' ' or '\t')))
        {
            return OcrParseOutcome.Rejected("not WebVTT: the file does not begin with \"WEBVTT\"", OcrFormat.WebVtt);
        }

        var warnings = new List<string>();
        var records = new List<AnnotationRecord>();
        var language = target.Language ?? HeaderLanguage(lines);
        var (skipped, commas) = (0, false);
        var payload = new StringBuilder();

        // The header runs to the first blank line; then blocks, each ended by a blank line.
        var i = 1;
        while (i < lines.Length && lines[i].Length > 0)
        {
            i++;
        }

        while (i < lines.Length)
        {
            while (i < lines.Length && lines[i].Length == 0)
            {
                i++;
            }

            var start = i;
            while (i < lines.Length && lines[i].Length > 0)
            {
                i++;
            }

            if (start == i)
            {
                break;
            }

            // A cue's timings are its first line, or its second after an identifier; any other block is not a cue.
            var timing = lines[start].Contains("-->", StringComparison.Ordinal) ? start
                : start + 1 < i && lines[start + 1].Contains("-->", StringComparison.Ordinal) ? start + 1
                : -1;
            if (timing < 0)
            {
                continue;
            }

            if (Timings(lines[timing], ref commas) is not var (from, to))
            {
                skipped++;
                continue;
            }

            payload.Clear();
            for (var l = timing + 1; l < i; l++)
            {
                AppendText(lines[l], payload);
            }

            var cue = Html.HtmlText.Collapse(payload.ToString());
            if (cue.Length == 0)
            {
                continue;
            }

            if (records.Count >= options.MaxLines)
            {
                warnings.Add($"more than {options.MaxLines} cues; the rest were dropped");
                break;
            }

            records.Add(new AnnotationRecord
            {
                Text = cue,
                Language = language,
                Format = "text/vtt",
                Motivation = "supplementing",
                CanvasId = target.CanvasId,
                ManifestId = target.ManifestId,
                Time = new TimeRange(from + target.TimeOffset, to + target.TimeOffset),
            });
        }

        if (commas)
        {
            warnings.Add("timestamps are written with a comma (as SubRip writes them), not a full stop; read anyway");
        }

        if (skipped > 0)
        {
            warnings.Add($"{skipped} cues with timings that cannot be read (or that end before they start) were skipped");
        }

        return new OcrParseOutcome { Format = OcrFormat.WebVtt, Records = records, Warnings = warnings };
    }

    /// <summary>A "Language:" header line (as some captioning tools write one), read as a language tag.</summary>
    private static string? HeaderLanguage(string[] lines)
    {
        for (var i = 1; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (lines[i].StartsWith("Language:", StringComparison.OrdinalIgnoreCase))
            {
                return Parsing.LanguageTags.OfText(lines[i]["Language:".Length..].Trim());
            }
        }

        return null;
    }

    /// <summary>The start and end of <c>start --&gt; end [settings]</c>, in seconds; null unless both read and end &gt;= start.</summary>
    private static (double, double)? Timings(string line, ref bool commas)
    {
        var arrow = line.IndexOf("-->", StringComparison.Ordinal);
        var from = Timestamp(line.AsSpan(0, arrow).Trim(), ref commas);
        var rest = line.AsSpan(arrow + 3).TrimStart();
        var space = rest.IndexOfAny(' ', '\t');
        var to = Timestamp(space < 0 ? rest : rest[..space], ref commas);
        return from is { } f && to is { } t && t >= f ? (f, t) : null;
    }

    /// <summary><c>[hh:]mm:ss.ttt</c> in seconds (hours may have more digits); null when it is not one.</summary>
    private static double? Timestamp(ReadOnlySpan<char> text, ref bool commas)
    {
        var dot = text.LastIndexOfAny('.', ',');
        if (dot < 0 || text.Length - dot - 1 != 3)
        {
            return null;
        }

        commas |= text[dot] == ',';
        if (!int.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return null;
        }

        double seconds = 0;
        var clock = text[..dot];
        var parts = 0;
        foreach (var range in clock.Split(':'))
        {
            var part = clock[range];
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (parts > 0 && (part.Length != 2 || value > 59)))
            {
                return null;
            }

            seconds = (seconds * 60) + value;
            parts++;
        }

        return parts is 2 or 3 && seconds <= TimeRange.MaxSeconds ? seconds + (millis / 1000.0) : null;
    }

    /// <summary>Appends a payload line without its tags, its character references decoded, after a space.</summary>
    private static void AppendText(string line, StringBuilder into)
    {
        var plain = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '<')
            {
                var close = line.IndexOf('>', i + 1);
                if (close > 0)
                {
                    i = close;
                    continue;
                }
            }

            plain.Append(line[i]);
        }

        // The bidirectional marks &lrm; and &rlm; decode to are no part of the words.
        into.Append(' ').Append(WebUtility.HtmlDecode(plain.ToString()).Replace("\u200E", string.Empty, StringComparison.Ordinal).Replace("\u200F", string.Empty, StringComparison.Ordinal));
    }
}
