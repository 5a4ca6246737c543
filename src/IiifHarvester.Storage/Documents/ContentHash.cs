using System.Security.Cryptography;

namespace IiifHarvester.Storage.Documents;

/// <summary>The content hash the store keeps for every document (<see cref="StoredDocumentInfo.ContentHash"/>).</summary>
public static class ContentHash
{
    /// <summary>Lowercase hex SHA-256 of <paramref name="body"/>: equal hashes mean the store would keep nothing new.</summary>
    public static string Of(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
