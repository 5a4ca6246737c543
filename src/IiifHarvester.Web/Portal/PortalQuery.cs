using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Portal;

/// <summary>A page's query string as name-value pairs, and the links that change one thing in it.</summary>
internal sealed class PortalQuery
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private PortalQuery(List<KeyValuePair<string, string>> pairs)
    {
        _pairs = pairs;
    }

    public static PortalQuery From(IQueryCollection query) =>
        new([.. query
            .Where(p => p.Key is not ("page" or "iiif-content"))
            .SelectMany(p => p.Value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => new KeyValuePair<string, string>(p.Key, v!.Trim())))]);

    public bool Has(string name, string value) => _pairs.Any(p => p.Key == name && p.Value == value);

    public IEnumerable<KeyValuePair<string, string>> Pairs => _pairs;

    public PortalQuery With(string name, string value) => Has(name, value) ? this : new([.. _pairs, new(name, value)]);

    public PortalQuery Without(string name, string? value = null) =>
        new([.. _pairs.Where(p => !(p.Key == name && (value is null || p.Value == value)))]);

    public PortalQuery Set(string name, string value) => Without(name).With(name, value);

    public string Url(string path, int page = 1)
    {
        var pairs = page > 1 ? _pairs.Append(new("page", page.ToString(CultureInfo.InvariantCulture))) : _pairs;
        return path + QueryString.Create(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).ToUriComponent();
    }
}
