namespace IiifHarvester.Web.Portal;

/// <summary>A viewer that opens objects and hits from a URL template.</summary>
public sealed class ViewerLink
{
    /// <summary>What the link says.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>An absolute http(s) URL with <c>{contentState}</c> and/or <c>{manifest}</c>.</summary>
    public string Template { get; set; } = string.Empty;

    /// <summary>The link for a content state of our manifest.</summary>
    public string Expand(string encodedContentState, string manifestUrl) =>
        Template
            .Replace("{contentState}", encodedContentState, StringComparison.Ordinal)
            .Replace("{manifest}", Uri.EscapeDataString(manifestUrl), StringComparison.Ordinal);
}
