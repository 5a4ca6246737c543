namespace IiifHarvester.Storage.Documents;

/// <summary>A document as fetched, to be kept.</summary>
public sealed record DocumentWrite
{
    /// <summary>The URI the document is known by (the id it was fetched as).</summary>
    public required string Uri { get; init; }

    /// <summary>The source (institution) key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>What the document is.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>The bytes as fetched.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The response's media type.</summary>
    public string? ContentType { get; init; }

    /// <summary>The response's ETag, for conditional GET.</summary>
    public string? ETag { get; init; }

    /// <summary>The response's Last-Modified, for conditional GET.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>When it was fetched.</summary>
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>For annotation and OCR documents, the manifest they belong to; its change is what the index sees.</summary>
    public string? OwnerUri { get; init; }

    /// <summary>For a root document: log a change even when the bytes are unchanged (what it owns changed).</summary>
    public bool ForceChange { get; init; }
}
