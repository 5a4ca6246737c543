namespace IiifHarvester.Indexing.Schema;

/// <summary>The index schema: field names of the two document types (resource documents and text documents).</summary>
internal static class FieldNames
{
    // Both document types.
    public const string DocType = "doctype";
    public const string Owner = "owner";
    public const string Source = "source";

    public const string DocTypeResource = "resource";
    public const string DocTypeText = "text";

    // Resource documents (one per manifest or collection).
    public const string Uri = "uri";
    public const string Key = "key";
    public const string Kind = "kind";
    public const string SourceName = "sourceName";
    public const string Provider = "provider";
    public const string Language = "language";
    public const string Rights = "rights";
    public const string NavDate = "navDate";
    public const string NavDateSort = "navDate.sort";
    public const string CanvasCount = "canvasCount";
    public const string HarvestedAt = "harvestedAt";
    public const string Parent = "parent";
    public const string Member = "member";
    public const string Label = "label";
    public const string LabelExact = "label.exact";
    public const string LabelSort = "label.sort";
    public const string Summary = "summary";
    public const string Metadata = "metadata";
    public const string MetadataExact = "metadata.exact";
    public const string All = "all";
    public const string Thumbnail = "thumbnail";
    public const string Version = "version";

    /// <summary>Kinds of text an object holds (resource documents) or a text document is (<see cref="TextKinds"/>).</summary>
    public const string TextKind = "textKind";

    /// <summary>The Image API service of the first image on the resource's first canvas (resource documents, stored).</summary>
    public const string ThumbnailService = "thumbnailService";

    /// <summary>When the store recorded the resource's last change, epoch milliseconds (resource documents, stored).</summary>
    public const string ChangedAt = "changedAt";

    /// <summary><see cref="ChangedAt"/> for sorting newest first (resource documents, doc values).</summary>
    public const string ChangedAtSort = "changedAt.sort";

    /// <summary>The change log sequence of the resource's last change (resource documents, stored).</summary>
    public const string ChangeSequence = "changeSequence";

    /// <summary><see cref="ChangeSequence"/> for breaking ties of <see cref="ChangedAtSort"/> (resource documents, doc values).</summary>
    public const string ChangeSequenceSort = "changeSequence.sort";

    /// <summary>The Image API service of the canvas's first image (text documents, binary doc values).</summary>
    public const string ImageService = "image";

    // Facets (SortedSetDocValues) of resource documents.
    public const string FacetSource = "facet.source";
    public const string FacetProvider = "facet.provider";
    public const string FacetLanguage = "facet.language";
    public const string FacetType = "facet.type";
    public const string FacetRights = "facet.rights";
    public const string FacetTextKind = "facet.textKind";

    // Text documents (the annotations of one canvas with one motivation, creator and date).
    public const string Manifest = "manifest";

    /// <summary>
    /// Every collection the resource is in, at any depth (resource documents, and the text documents of manifests),
    /// from the store's memberships.
    /// </summary>
    public const string Collection = "collection";

    public const string Canvas = "canvas";
    public const string Motivation = "motivation";
    public const string Creator = "creator";
    public const string Created = "created";
    public const string Text = "text";
    public const string TextStemPrefix = "text.";
    public const string Page = "page";

    // Stored fields of text documents in indexes written before the page record (read only for those).
    public const string Lines = "lines";
    public const string ManifestKey = "manifestKey";
    public const string ManifestLabel = "manifestLabel";
    public const string MotivationStored = "motivation.value";
    public const string LineCount = "lineCount";

    /// <summary>The stemmed text field for a stemmer language.</summary>
    public static string StemmedText(string language) => TextStemPrefix + language;

    /// <summary>The stemmer language of a field (<c>text.en</c> → <c>en</c>), or null for unstemmed fields.</summary>
    public static string? StemLanguageOf(string field) =>
        field.StartsWith(TextStemPrefix, StringComparison.Ordinal) ? field[TextStemPrefix.Length..] : null;
}
