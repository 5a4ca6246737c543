using Microsoft.Extensions.DependencyInjection;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using Xunit;
using IiifHarvester.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// What a data directory holds: the live documents with their hashes, the change log, what the index says it holds,
/// and what it answers to a few searches (<see cref="Words"/>: each hit's manifest, canvas and text, in a fixed order).
/// </summary>
internal sealed record StoreSnapshot(
    IReadOnlyDictionary<string, string> Documents,
    long Manifests,
    long Annotations,
    long CommittedSequence,
    long LastSequence,
    IReadOnlyList<ChangeRecord> Changes,
    IReadOnlyDictionary<string, string> Hits)
{
    /// <summary>Words of the demo institution's text that the snapshot searches for.</summary>
    public static readonly string[] Words = ["abbey", "charter", "parchment", "psalter", "vellum", "scribe"];

    /// <summary>
    /// Opens the data directory with the host's own wiring (no scheduler, no HTTP) and reads it; <paramref name="settings"/>
    /// are more configuration (a PostgreSQL store); without <paramref name="catchUp"/> the index is read as it was left.
    /// </summary>
    public static async Task<StoreSnapshot> ReadAsync(string dataDirectory, string source, IReadOnlyList<string>? settings = null, bool catchUp = true)
    {
        var app = HarvesterApp.CreateBuilder(
            [$"--Data:Directory={dataDirectory}", .. settings ?? []],
            new Dictionary<string, string?> { ["Harvesting:Schedule"] = "false" }).Build();
        await using (app)
        {
            var store = app.Services.GetRequiredService<IDocumentStore>();

            // A host that was killed may have left changes the index does not hold yet; starting catches up.
            if (catchUp)
            {
                await app.Services.GetRequiredService<IndexFeeder>().CatchUpAsync(default);
            }
            var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var kind in new[] { DocumentKind.Manifest, DocumentKind.Collection, DocumentKind.Annotations })
            {
                await foreach (var info in store.ListAsync(source, kind, includeDeleted: false, default))
                {
                    documents[info.Uri] = info.ContentHash;
                }
            }

            var stats = app.Services.GetRequiredService<ISearchIndex>().GetStatistics();
            var last = await store.GetLastSequenceAsync(default);
            var changes = await store.GetChangesAsync(0, (int)Math.Min(int.MaxValue, last + 1), default);
            var search = app.Services.GetRequiredService<IContentSearch>();
            var hits = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var word in Words)
            {
                Assert.True(UserQuery.TryParse(word, 100, 10, out var query, out var error), error);
                var result = search.Search(new ContentSearchRequest { Scope = SearchScope.All, Query = query, PageSize = 100_000 });
                hits[word] = $"{result.Total} hits\n" + string.Join('\n', result.Hits
                    .Select(h => $"{h.Annotation.ManifestUri} {h.Annotation.CanvasId} {h.Annotation.Text}")
                    .Order(StringComparer.Ordinal));
            }

            var snapshot = new StoreSnapshot(documents, stats.Manifests, stats.Annotations, stats.CommittedSequence, last, changes, hits);
            SqliteConnection.ClearAllPools();
            return snapshot;
        }
    }
}
