using System.Text;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// What every reader of one document shares: its id (the base for relative ids), version, options, the JSON path
/// being read (for warnings) and the warnings so far. Warnings of one kind are kept once, with the path of the
/// first occurrence and a count, so a list of ten thousand odd annotations yields one line, not ten thousand.
/// </summary>
internal sealed class ReadContext
{
    private readonly List<Warning> _warnings = [];
    private readonly Dictionary<string, int> _byCode = new(StringComparer.Ordinal);
    private Segment[] _path = new Segment[16];
    private int _depth;

    public ReadContext(string documentId, IiifVersion version, IReadOnlyList<string> contexts, IiifParserOptions options)
    {
        DocumentId = documentId;
        Version = version;
        Contexts = contexts;
        Options = options;
        _baseUri = Uri.TryCreate(documentId, UriKind.Absolute, out var b) ? b : null;
    }

    private readonly Uri? _baseUri;

    /// <summary>The document's id, absolute when it could be made so.</summary>
    public string DocumentId { get; }

    /// <summary>The Presentation version the document declares (or was inferred).</summary>
    public IiifVersion Version { get; }

    /// <summary>The <c>@context</c> values.</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>Bounds and hints.</summary>
    public IiifParserOptions Options { get; }

    /// <summary>The manifest the annotations being read belong to, when known.</summary>
    public string? ManifestId { get; set; }

    /// <summary>Annotations kept so far in the document (bounded by <see cref="IiifParserOptions.MaxAnnotations"/>).</summary>
    public int AnnotationCount { get; set; }

    /// <summary>Collection members kept so far (bounded by <see cref="IiifParserOptions.MaxMembers"/>).</summary>
    public int MemberCount { get; set; }

    /// <summary>Enters a property of the current node (for warning paths).</summary>
    public PathScope Enter(string name) => Push(new Segment(name, -1));

    /// <summary>Enters an item of the current array (for warning paths).</summary>
    public PathScope Enter(string name, int index) => Push(new Segment(name, index));

    /// <summary>Records a warning of kind <paramref name="code"/> at the current path.</summary>
    public void Warn(string code, string message)
    {
        if (_byCode.TryGetValue(code, out var at))
        {
            _warnings[at] = _warnings[at] with { Count = _warnings[at].Count + 1 };
            return;
        }

        if (_warnings.Count >= Options.MaxWarnings)
        {
            return;
        }

        _byCode[code] = _warnings.Count;
        _warnings.Add(new Warning(RenderPath(), message, 1));
    }

    /// <summary>The warnings, rendered as <c>$.path: message (N times)</c>.</summary>
    public IReadOnlyList<string> RenderWarnings()
    {
        if (_warnings.Count == 0)
        {
            return [];
        }

        var list = new string[_warnings.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var w = _warnings[i];
            list[i] = w.Count == 1 ? $"{w.Path}: {w.Message}" : $"{w.Path}: {w.Message} ({w.Count} times in the document)";
        }

        return list;
    }

    /// <summary>Resolves <paramref name="id"/> against the document id when it is relative.</summary>
    public string Resolve(string id)
    {
        // Fast path: nearly every id in the wild is an absolute http(s) URI; parsing each one with System.Uri
        // would cost more than reading the JSON.
        if (id.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) || _baseUri is null)
        {
            return id;
        }

        if (Uri.TryCreate(id, UriKind.Absolute, out _))
        {
            return id;
        }

        return Uri.TryCreate(_baseUri, id, out var resolved) ? resolved.ToString() : id;
    }

    private PathScope Push(Segment segment)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _path.Length * 2);
        }

        _path[_depth++] = segment;
        return new PathScope(this);
    }

    private void Pop() => _depth--;

    private string RenderPath()
    {
        var sb = new StringBuilder("$");
        for (var i = 0; i < _depth; i++)
        {
            sb.Append('.').Append(_path[i].Name);
            if (_path[i].Index >= 0)
            {
                sb.Append('[').Append(_path[i].Index).Append(']');
            }
        }

        return sb.ToString();
    }

    /// <summary>Leaves the path segment entered with <see cref="Enter(string)"/> when disposed.</summary>
    internal readonly struct PathScope(ReadContext context) : IDisposable
    {
        public void Dispose() => context.Pop();
    }

    private readonly record struct Segment(string Name, int Index);

    private sealed record Warning(string Path, string Message, int Count);
}
