namespace IiifHarvester.Iiif.Model;

/// <summary>The Presentation API version a document was published in.</summary>
public enum IiifVersion
{
    /// <summary>No recognisable context (Discovery documents, or a context-less document).</summary>
    Unknown = 0,

    /// <summary>Pre-2.0 shared-canvas documents.</summary>
    V1 = 1,

    /// <summary>Presentation 2.0 / 2.1.</summary>
    V2 = 2,

    /// <summary>Presentation 3.0.</summary>
    V3 = 3,
}
