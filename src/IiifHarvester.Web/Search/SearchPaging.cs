namespace IiifHarvester.Web.Search;

/// <summary>The page links of one Content Search answer.</summary>
internal sealed record SearchPaging(string Id, string CollectionId, string First, string Last, string? Next, string? Prev, int StartIndex, int Total, bool IsPaged)
{
    public static SearchPaging Create(string serviceUrl, SearchParameters parameters, string q, int page, int pageSize, int total, bool pageRequested)
    {
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var isPaged = lastPage > 1 || pageRequested;
        return new SearchPaging(
            Id: serviceUrl + parameters.QueryString(q, isPaged ? page : null),
            CollectionId: serviceUrl + parameters.QueryString(q),
            First: serviceUrl + parameters.QueryString(q, 1),
            Last: serviceUrl + parameters.QueryString(q, lastPage),
            Next: page < lastPage ? serviceUrl + parameters.QueryString(q, page + 1) : null,
            Prev: page > 1 ? serviceUrl + parameters.QueryString(q, page - 1) : null,
            StartIndex: (page - 1) * pageSize,
            Total: total,
            IsPaged: isPaged);
    }
}
