using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace IiifHarvester.Web;

/// <summary>
/// A request's whole query string, bound as an endpoint parameter: for the endpoints whose answers echo it (self and
/// page links), report the parameters they ignore (Content Search 1.0 §3.2.1, 2.0 §3.2) or take repeated filters.
/// </summary>
internal sealed class RequestQuery
{
    private RequestQuery(IQueryCollection values, QueryString raw)
    {
        Values = values;
        Raw = raw;
    }

    /// <summary>The parsed parameters.</summary>
    public IQueryCollection Values { get; }

    /// <summary>The query string as received, with its <c>?</c> (empty when there is none).</summary>
    public QueryString Raw { get; }

    /// <summary>Binds the query of the request (minimal-API custom binding).</summary>
    public static ValueTask<RequestQuery?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<RequestQuery?>(new RequestQuery(context.Request.Query, context.Request.QueryString));
    }

    /// <summary>A query from its text (<c>?q=a&amp;page=2</c>, or empty): for handlers called without a server.</summary>
    public static RequestQuery Parse(string queryString)
    {
        var raw = string.IsNullOrEmpty(queryString) ? QueryString.Empty : new QueryString(queryString.StartsWith('?') ? queryString : "?" + queryString);
        return new RequestQuery(new QueryCollection(QueryHelpers.ParseQuery(raw.Value)), raw);
    }
}
