using System.Buffers;
using System.Text.Json;

namespace IiifHarvester.Web.Search;

/// <summary>
/// The JSON of each manifest's reference in one answer across manifests (its id, type and sanitized label), written
/// once per manifest and copied for each of its annotations: an aggregate page of 250 hits names each manifest many
/// times, and each time sanitized and encoded its label again.
/// </summary>
internal sealed class ManifestFragments : IDisposable
{
    private readonly Dictionary<string, byte[]> _fragments = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private Utf8JsonWriter? _writer;

    /// <summary>
    /// The fragment of <paramref name="manifestUri"/>, written by <paramref name="write"/> the first time it is asked
    /// for (a manifest's label is the same in every annotation of one answer: they come from one index generation).
    /// </summary>
    public ReadOnlySpan<byte> Of<TState>(string manifestUri, TState state, Action<Utf8JsonWriter, TState> write)
    {
        if (_fragments.TryGetValue(manifestUri, out var fragment))
        {
            return fragment;
        }

        _buffer.ResetWrittenCount();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_buffer, IiifJsonResult.WriterOptions);
        }
        else
        {
            _writer.Reset(_buffer);
        }

        write(_writer, state);
        _writer.Flush();
        fragment = _buffer.WrittenSpan.ToArray();
        _fragments.Add(manifestUri, fragment);
        return fragment;
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();
}
