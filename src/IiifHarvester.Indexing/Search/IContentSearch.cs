namespace IiifHarvester.Indexing.Search;

/// <summary>The read side of the index, for the HTTP endpoints: resources, Content Search, autocomplete and the catalog.</summary>
public interface IContentSearch
{
    /// <summary>The version of the reader searches use now (moves when a refresh sees changes): the ETag basis.</summary>
    long Generation { get; }

    /// <summary>The harvested manifest or collection with key <paramref name="key"/>, or null.</summary>
    ResourceSummary? FindByKey(string key);

    /// <summary>
    /// What a search service with key <paramref name="key"/> searches (the harvested manifest or collection), or
    /// null: <see cref="FindByKey"/> without reading the rest of the resource, for the search endpoints.
    /// </summary>
    SearchScope? FindScope(string key);

    /// <summary>The harvested manifest or collection with URI <paramref name="uri"/>, or null.</summary>
    ResourceSummary? FindByUri(string uri);

    /// <summary>The Image API service of a canvas that has indexed text, with the canvas's size, or null (for crops of hits).</summary>
    CanvasImage? FindCanvasImage(string manifestUri, string canvasId);

    /// <summary>Runs a Content Search; throws <see cref="Querying.SearchQueryException"/> when the query has nothing searchable.</summary>
    ContentSearchResult Search(ContentSearchRequest request);

    /// <summary>Completes a term.</summary>
    AutocompleteResult Autocomplete(AutocompleteRequest request);

    /// <summary>Searches objects (manifests and collections) by metadata and full text, with facets; throws <see cref="Querying.SearchQueryException"/> when the query has nothing searchable.</summary>
    Catalog.CatalogResult SearchCatalog(Catalog.CatalogRequest request);
}
