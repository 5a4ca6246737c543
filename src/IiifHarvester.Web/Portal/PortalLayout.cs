namespace IiifHarvester.Web.Portal;

/// <summary>
/// The frame of every portal page: head (our stylesheet and scripts only), a skip link, the search box, main.
/// </summary>
internal static class PortalLayout
{
    public const string AssetsPath = "/portal/assets";

    /// <summary>
    /// A whole page around <paramref name="main"/>; every link to our own pages and assets comes from
    /// <paramref name="portal"/>, so it stays under the base path.
    /// </summary>
    public static Html Page(PortalContext portal, string title, string language, string? query, Action<Html> main, Action<Html>? head = null, string? scripts = null)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html>").Open("html", ("lang", language)).Raw("<head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Element("title", title + " \u2013 IiifHarvester")
            .Open("link", ("rel", "stylesheet"), ("href", portal.AssetLink("portal.css")))
            .Open("link", ("rel", "icon"), ("href", portal.AssetLink("favicon.svg")), ("type", "image/svg+xml"))
            .Open("script", ("src", portal.AssetLink("portal.js")), ("defer", "defer")).Close("script");
        if (scripts is not null)
        {
            foreach (var script in scripts.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                html.Open("script", ("src", portal.AssetLink(script)), ("defer", "defer")).Close("script");
            }
        }

        head?.Invoke(html);
        html.Raw("</head><body>")
            .Raw("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Raw("<header class=\"site\">").Link(portal.HomeLink, "IiifHarvester", ("class", "home"))
            .Open("form", ("class", "search"), ("role", "search"), ("action", portal.SearchLink()), ("method", "get"))
            .Raw("<label for=\"q\">Search every institution</label>")
            .Open("input", ("id", "q"), ("name", "q"), ("type", "search"), ("value", query ?? string.Empty), ("maxlength", "256"),
                ("placeholder", "words, \"a phrase\", 北京"))
            .Raw("<button type=\"submit\">Search</button></form></header>")
            .Raw("<main id=\"main\" tabindex=\"-1\">");
        main(html);
        html.Raw("</main><footer class=\"site\"><p>Metadata and images belong to the institutions named with each object. ")
            .Link(portal.Urls.Catalog, "Catalog as JSON").Text(" \u00b7 ").Link(portal.Urls.Discovery, "Change Discovery stream").Raw("</p></footer>")
            .Raw("</body></html>");
        return html;
    }
}
