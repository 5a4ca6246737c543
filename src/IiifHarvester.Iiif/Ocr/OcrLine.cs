using System.Text;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>Collects the words of one OCR line in page units and builds its annotation record in canvas units.</summary>
internal sealed class OcrLine
{
    private readonly StringBuilder _text = new();
    private readonly List<(int Start, int Length, Region Region)> _words = [];

    /// <summary>The line's own box, when the file gives one.</summary>
    public Region? Box { get; set; }

    /// <summary>The line's language, when the file gives one.</summary>
    public string? Language { get; set; }

    /// <summary>
    /// Adds a word (with its box, when given), separated from the previous one by a space unless
    /// <paramref name="joined"/> says the file puts none between them.
    /// </summary>
    public void AddWord(string word, Region? box, bool joined = false)
    {
        word = word.Trim();
        if (word.Length == 0)
        {
            return;
        }

        if (_text.Length > 0 && !joined)
        {
            _text.Append(' ');
        }

        var start = _text.Length;
        _text.Append(word);
        if (box is { } region)
        {
            _words.Add((start, word.Length, region));
        }
    }

    /// <summary>Appends text to the last word without a space (an ALTO hyphen).</summary>
    public void AppendToLastWord(string text) => _text.Append(text.Trim());

    /// <summary>The record, scaled by (<paramref name="sx"/>, <paramref name="sy"/>); null for an empty line.</summary>
    public AnnotationRecord? Build(OcrTarget target, double sx, double sy)
    {
        if (_text.Length == 0)
        {
            return null;
        }

        var words = new WordBox[_words.Count];
        Region? union = null;
        for (var i = 0; i < words.Length; i++)
        {
            var (start, length, region) = _words[i];
            var scaled = Scale(region, sx, sy);
            words[i] = new WordBox(start, length, scaled);
            union = union is { } u ? u.Union(scaled) : scaled;
        }

        return new AnnotationRecord
        {
            Text = _text.ToString(),
            Language = Language,
            Format = "text/plain",
            Motivation = "supplementing",
            CanvasId = target.CanvasId,
            ManifestId = target.ManifestId,
            Region = Box is { } box ? Scale(box, sx, sy) : union,
            Words = words,
        };
    }

    private static Region Scale(Region r, double sx, double sy) => new(r.X * sx, r.Y * sy, r.Width * sx, r.Height * sy);
}
