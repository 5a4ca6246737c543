using IiifHarvester.Iiif.Html;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// A value harvested from an institution, written into a page: HTML values (Presentation 3 §4.4: the value starts
/// with <c>&lt;</c> and ends with <c>&gt;</c>) reduced to the IIIF HTML subset by <see cref="IiifHtmlSanitizer"/>,
/// anything else encoded as text.
/// </summary>
internal static class HarvestedValue
{
    public static void Write(Html html, string value)
    {
        if (IiifHtmlSanitizer.IsHtml(value))
        {
            html.Raw(IiifHtmlSanitizer.Sanitize(value));
        }
        else
        {
            html.Text(value);
        }
    }

    /// <summary>A link target from harvested data when it is an absolute http or https URL; null otherwise.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
