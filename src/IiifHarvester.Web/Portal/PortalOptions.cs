namespace IiifHarvester.Web.Portal;

/// <summary>The researchers' portal (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Portal";

    /// <summary>
    /// Other viewers an object or hit can be opened in: a name and a URL template holding <c>{contentState}</c> (the
    /// encoded IIIF Content State) and/or <c>{manifest}</c> (our re-served manifest's URL, escaped).
    /// </summary>
    /// <value>Mirador's and Universal Viewer's public demonstrations, both of which accept <c>iiif-content</c>.</value>
    public IList<ViewerLink> ViewerLinks { get; } =
    [
        new() { Name = "Mirador (projectmirador.org)", Template = "https://projectmirador.org/embed/?iiif-content={contentState}" },
        new() { Name = "Universal Viewer", Template = "https://uv-v4.netlify.app/#?iiif-content={contentState}" },
    ];

    /// <summary>Snippets shown per object on the search page.</summary>
    /// <value>3.</value>
    public int SnippetsPerObject { get; set; } = 3;

    /// <summary>Entries in a search's Atom feed.</summary>
    /// <value>50.</value>
    public int FeedEntries { get; set; } = 50;
}
