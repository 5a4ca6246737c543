namespace IiifHarvester.Storage.Documents;

/// <summary>What the store knows of a document, without its bytes.</summary>
public sealed record StoredDocumentInfo
{
    /// <summary>The document's URI.</summary>
    public required string Uri { get; init; }

    /// <summary>The stable short key of the URI (<c>ResourceKey.For</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>What the document is.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Length of the bytes.</summary>
    public long Length { get; init; }

    /// <summary>The media type as fetched.</summary>
    public string? ContentType { get; init; }

    /// <summary>The ETag as fetched.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified as fetched.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>When the bytes were last fetched (or revalidated).</summary>
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>True once the document was deleted upstream; its last bytes are kept.</summary>
    public bool IsDeleted { get; init; }

    /// <summary>The manifest that owns an annotation or OCR document.</summary>
    public string? OwnerUri { get; init; }

    /// <summary>The change sequence of the last change to the document.</summary>
    public long Sequence { get; init; }
}
