using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Writing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Indexing.Search;

/// <summary>The read side of the index over the one SearcherManager; every call uses one searcher throughout.</summary>
internal sealed class ContentSearch : IContentSearch
{
    private readonly IIndexHandle _index;
    private readonly IndexingOptions _options;
    private readonly ILogger<ContentSearch> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly StemLanguageCache _stemLanguages = new();

    public ContentSearch(IIndexHandle index, IOptions<IndexingOptions> options, TimeProvider timeProvider, ILogger<ContentSearch> logger)
    {
        _index = index;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public long Generation => Use(searcher => Version(searcher));

    public ResourceSummary? FindByKey(string key) =>
        Use(searcher => ResourceReader.Find(searcher, FieldNames.Key, key));

    public SearchScope? FindScope(string key) =>
        Use(searcher => ResourceReader.FindScope(searcher, key));

    public ResourceSummary? FindByUri(string uri) =>
        Use(searcher => ResourceReader.Find(searcher, FieldNames.Uri, uri));

    public CanvasImage? FindCanvasImage(string manifestUri, string canvasId) =>
        Use(searcher => CanvasImages.Find(searcher, manifestUri, canvasId));

    public ContentSearchResult Search(ContentSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var measurement = SearchMeasurement.Start("search", _timeProvider);
        var activity = measurement.Activity;
        activity?.SetTag("iiifharvester.search.scope", request.Scope.Kind.ToString());
        var started = _timeProvider.GetTimestamp();
        return Use(measurement, searcher =>
        {
            var parts = QueryCompiler.Compile(request.Query, _index.Analyzer, FieldNames.Text, _stemLanguages.Get(searcher.IndexReader));
            // The text fields are in text documents only, so the text query needs no docType clause beside it (a
            // clause that cost each search a term lookup and a walk of every text document's posting in each segment).
            var query = Scoped(request.Scope, request.Filter);
            query.Add(QueryCompiler.ToQuery(parts), Occur.MUST);

            var leaves = searcher.IndexReader.Leaves;
            using var matches = new DocListCollector(leaves.Count);
            searcher.Search(query, matches);

            var start = Math.Max(0, request.StartIndex);
            var pageSize = Math.Max(1, request.PageSize ?? _options.PageSize);
            var end = (long)start + pageSize;
            var finder = new HitFinder(parts);

            // Phrase hits (every part of the query next to each other, in order) come first, then the others, each
            // in reading order: phrase hit i is hit i, other hit j is hit (phrases + j). The number of phrase hits
            // is known only at the end, so other hits are kept while j < end, which bounds what is held.
            var phraseWindow = new List<(int Doc, List<TextSpan> Spans)>();
            var otherCandidates = new List<(int Doc, List<TextSpan> Spans, int First)>();
            var phrases = 0;
            var others = 0;
            foreach (var leaf in leaves)
            {
                finder.FindInLeaf(leaf, matches.DocsOf(leaf.Ord), (doc, spans) =>
                {
                    // Most matching documents lie outside the page and are only counted: their hits are copied
                    // out of the finder's reused list only when the page may need them.
                    var docPhrases = 0;
                    foreach (var span in spans)
                    {
                        docPhrases += span.IsPhrase ? 1 : 0;
                    }

                    var docOthers = spans.Count - docPhrases;
                    if (phrases + docPhrases > start && phrases < end)
                    {
                        Slice(phraseWindow, leaf.DocBase + doc, spans.FindAll(s => s.IsPhrase), phrases, start, end);
                    }

                    if (docOthers > 0 && others < end)
                    {
                        otherCandidates.Add((leaf.DocBase + doc, spans.FindAll(s => !s.IsPhrase), others));
                    }

                    phrases += docPhrases;
                    others += docOthers;
                });
            }

            var window = phraseWindow;
            foreach (var (doc, spans, first) in otherCandidates)
            {
                Slice(window, doc, spans, phrases + first, start, end);
            }

            var seen = phrases + others;
            var assembler = new HitAssembler(_options.ContextLength);
            var hits = new List<SearchHit>();
            foreach (var (doc, spans) in window)
            {
                hits.AddRange(assembler.Assemble(searcher, doc, spans));
            }

            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            activity?.SetTag("iiifharvester.search.total", seen);
            Log.Searched(_logger, request.Scope.Uri ?? "all", request.Query.Text, seen, matches.Count, elapsed);
            return new ContentSearchResult
            {
                Total = seen,
                StartIndex = start,
                PageSize = pageSize,
                Hits = hits,
                Generation = Version(searcher),
            };
        });
    }

    public AutocompleteResult Autocomplete(AutocompleteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var measurement = SearchMeasurement.Start("autocomplete", _timeProvider);
        var started = _timeProvider.GetTimestamp();
        var prefix = TextNormalizer.Fold(request.Prefix);
        if (prefix.Length == 0 || prefix.Any(char.IsWhiteSpace))
        {
            // Terms are single words; "green bir" must not complete to words after "green" (§4.2).
            return new AutocompleteResult([], Generation);
        }

        return Use(measurement, searcher =>
        {
            var unscoped = request.Scope.Kind == SearchScopeKind.All
                && request.Filter.Motivations.Count == 0 && request.Filter.Dates.Count == 0 && request.Filter.Users.Count == 0;
            var scope = unscoped ? null : TextQuery(request.Scope, request.Filter);
            var (terms, scanned) = Autocompleter.Complete(
                searcher, prefix, scope, Math.Max(1, request.MinCount), _options.AutocompleteLimit, _options.AutocompleteScanLimit);
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Completed(_logger, request.Scope.Uri ?? "all", prefix, terms.Count, scanned, elapsed);
            return new AutocompleteResult(terms, Version(searcher));
        });
    }

    public CatalogResult SearchCatalog(CatalogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var measurement = SearchMeasurement.Start("catalog", _timeProvider);
        var started = _timeProvider.GetTimestamp();
        return Use(measurement, searcher =>
        {
            var context = new CatalogContext(
                _index.Analyzer,
                _stemLanguages.Get(searcher.IndexReader),
                Math.Max(1, request.PageSize ?? _options.CatalogPageSize),
                _options.FacetLimit,
                _options.ContextLength);
            var result = CatalogSearcher.Search(searcher, context, request);
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.CatalogSearched(_logger, request.Query?.Text ?? string.Empty, result.Total, elapsed);
            return result;
        });
    }

    /// <summary>Adds the part of <paramref name="spans"/> (hits <paramref name="first"/> onwards) that falls in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    private static void Slice(List<(int Doc, List<TextSpan> Spans)> window, int doc, List<TextSpan> spans, long first, long start, long end)
    {
        if (first + spans.Count > start && first < end)
        {
            var skip = (int)Math.Max(0, start - first);
            var take = (int)Math.Min(spans.Count - skip, end - Math.Max(first, start));
            window.Add((doc, spans.GetRange(skip, take)));
        }
    }

    /// <summary>The text documents in <paramref name="scope"/> that pass <paramref name="filter"/>.</summary>
    private static BooleanQuery TextQuery(SearchScope scope, AnnotationFilter filter)
    {
        var query = Scoped(scope, filter);
        query.Add(new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeText)), Occur.MUST);
        return query;
    }

    /// <summary>The scope and filter clauses alone: what a query on the text fields needs beside it.</summary>
    private static BooleanQuery Scoped(SearchScope scope, AnnotationFilter filter)
    {
        var query = new BooleanQuery();
        if (ScopeResolver.ToQuery(scope) is { } scopeQuery)
        {
            query.Add(scopeQuery, Occur.MUST);
        }

        FilterQueries.AddTo(query, filter);
        return query;
    }

    private static long Version(IndexSearcher searcher) => ((DirectoryReader)searcher.IndexReader).Version;

    /// <summary>As <see cref="Use{T}(Func{IndexSearcher, T})"/>, marking <paramref name="measurement"/> failed when <paramref name="action"/> throws.</summary>
    private T Use<T>(SearchMeasurement measurement, Func<IndexSearcher, T> action)
    {
        try
        {
            return Use(action);
        }
        catch (Exception ex)
        {
            measurement.Failed(ex);
            throw;
        }
    }

    private T Use<T>(Func<IndexSearcher, T> action)
    {
        var searcher = _index.Acquire();
        try
        {
            return action(searcher);
        }
        finally
        {
            _index.Release(searcher);
        }
    }
}
