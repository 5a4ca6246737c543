using System.Diagnostics.Metrics;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

/// <summary>Every read of the index is measured in <c>iiifharvester.search.duration</c>, by operation, failures by type.</summary>
public sealed class SearchTelemetryTests : IDisposable
{
    private readonly IndexFixture _fixture = IndexFixture.WithDemo();
    private readonly MeterListener _listener = new();
    private readonly List<Dictionary<string, object?>> _measured = [];
    private int _thread = -1;

    public SearchTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IndexingTelemetry.SourceName && instrument.Name == "iiifharvester.search.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        // Reads are synchronous: measurements on this test's thread are this test's (other classes search in parallel).
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            if (Environment.CurrentManagedThreadId == _thread)
            {
                _measured.Add(tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _fixture.Dispose();
    }

    [Fact]
    public void SearchAutocompleteAndCatalog_AreEachMeasuredByOperation()
    {
        _thread = Environment.CurrentManagedThreadId;
        Assert.True(UserQuery.TryParse("bird", 256, 16, out var query, out _));

        _fixture.Search.Search(new ContentSearchRequest { Scope = SearchScope.All, Query = query });
        _fixture.Search.Autocomplete(new AutocompleteRequest { Scope = SearchScope.All, Prefix = "bi" });
        _fixture.Search.SearchCatalog(new CatalogRequest { Query = query });

        Assert.Equal(["search", "autocomplete", "catalog"], _measured.Select(m => (string?)m[IndexingTelemetry.OperationAttribute]));
        Assert.All(_measured, m => Assert.False(m.ContainsKey("error.type")));
    }

    [Fact]
    public void Search_ThatFails_IsMeasuredWithItsErrorType()
    {
        _thread = Environment.CurrentManagedThreadId;
        Assert.True(UserQuery.TryParse("...", 256, 16, out var query, out _));

        Assert.Throws<SearchQueryException>(() => _fixture.Search.Search(new ContentSearchRequest { Scope = SearchScope.All, Query = query }));

        var measured = Assert.Single(_measured);
        Assert.Equal("search", measured[IndexingTelemetry.OperationAttribute]);
        Assert.Equal(typeof(SearchQueryException).FullName, measured["error.type"]);
    }
}
