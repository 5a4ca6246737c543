namespace IiifHarvester.Storage.Documents;

/// <summary>A stored document with its bytes as fetched.</summary>
/// <param name="Info">What the store knows of it.</param>
/// <param name="Body">The bytes as fetched.</param>
public sealed record StoredDocument(StoredDocumentInfo Info, ReadOnlyMemory<byte> Body);
