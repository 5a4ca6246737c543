using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Leases;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>An in-memory store holding documents by key; only what re-serving manifests reads.</summary>
public sealed class FakeDocumentStore : IDocumentStore
{
    private readonly Dictionary<string, StoredDocument> _byKey = new(StringComparer.Ordinal);
    private readonly List<ChangeRecord> _changes = [];
    private readonly Dictionary<(string Source, string Name), string> _checkpoints = [];

    public string Add(string uri, byte[] body, DocumentKind kind = DocumentKind.Manifest, bool deleted = false)
    {
        var key = ResourceKey.For(uri);
        _byKey[key] = new StoredDocument(
            new StoredDocumentInfo
            {
                Uri = uri,
                Key = key,
                SourceKey = "demo",
                Kind = kind,
                ContentHash = Convert.ToHexStringLower(SHA256.HashData(body)),
                Length = body.Length,
                IsDeleted = deleted,
            },
            body);
        _changes.Add(new ChangeRecord(
            _changes.Count + 1, uri, "demo", kind, deleted ? ChangeType.Deleted : ChangeType.Upserted, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(_changes.Count)));
        return key;
    }

    public Task<StoredDocument?> GetByKeyAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_byKey.GetValueOrDefault(key));

    public Task<StoredDocumentInfo?> GetInfoAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(_byKey.GetValueOrDefault(ResourceKey.For(uri))?.Info);

    public Task<StoredDocument?> GetAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(_byKey.GetValueOrDefault(ResourceKey.For(uri)));

    public Task<WriteResult> PutAsync(DocumentWrite write, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkRevalidatedAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long?> DeleteAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<StoredDocumentInfo>> GetOwnedAsync(string ownerUri, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocumentInfo>>([]);

    public Task<IReadOnlyList<StoredDocument>> GetOwnedDocumentsAsync(string ownerUri, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>([]);

    public Task<long?> RecordChangeAsync(string uri, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    /// <summary>The collections each URI is in, as <see cref="GetCollectionsOfAsync"/> gives them.</summary>
    public Dictionary<string, IReadOnlyList<CollectionMembership>> Memberships { get; } = new(StringComparer.Ordinal);

    public Task<int> SetMembersAsync(CollectionListing listing, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<CollectionMembership>> GetCollectionsOfAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(Memberships.GetValueOrDefault(uri) ?? []);

    public Task<int> ReleaseOwnedAsync(string ownerUri, IReadOnlyCollection<string> keep, CancellationToken cancellationToken) =>
        Task.FromResult(0);

    public Task<IReadOnlyList<ChangeRecord>> GetChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChangeRecord>>(_changes.Where(c => c.Sequence > afterSequence).Take(limit).ToList());

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken) => Task.FromResult((long)_changes.Count);

    public async IAsyncEnumerable<StoredDocumentInfo> ListAsync(string sourceKey, DocumentKind? kind, bool includeDeleted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var document in _byKey.Values)
        {
            yield return document.Info;
        }
    }

    public Task<string?> GetCheckpointAsync(string sourceKey, string name, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.GetValueOrDefault((sourceKey, name)));

    public Task SetCheckpointAsync(string sourceKey, string name, string value, CancellationToken cancellationToken)
    {
        _checkpoints[(sourceKey, name)] = value;
        return Task.CompletedTask;
    }

    public Task<SourceLease> AcquireLeaseAsync(string sourceKey, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.FromResult(new SourceLease { SourceKey = sourceKey, Owner = owner, AcquiredAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.MaxValue });

    public Task ReleaseLeaseAsync(string sourceKey, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<DocumentFailure>> GetFailuresAsync(string sourceKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentFailure>>([]);

    public Task PutFailureAsync(DocumentFailure failure, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveFailureAsync(string sourceKey, string uri, CancellationToken cancellationToken) => Task.CompletedTask;
}
