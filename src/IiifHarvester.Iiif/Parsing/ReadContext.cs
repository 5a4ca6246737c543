using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>What every reader of one document shares: its id (the base for relative ids), version, options and warnings.</summary>
internal sealed record ReadContext(string DocumentId, IiifVersion Version, IReadOnlyList<string> Contexts, IiifParserOptions Options, List<string> Warnings)
{
    /// <summary>Resolves <paramref name="id"/> against the document id when it is relative.</summary>
    public string Resolve(string id)
    {
        if (Uri.TryCreate(id, UriKind.Absolute, out _))
        {
            return id;
        }

        return Uri.TryCreate(DocumentId, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, id, out var resolved)
            ? resolved.ToString()
            : id;
    }
}
