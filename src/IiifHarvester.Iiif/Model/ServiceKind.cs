namespace IiifHarvester.Iiif.Model;

/// <summary>What a <see cref="ServiceReference"/> is, as far as it can be told from its type, profile and context.</summary>
public enum ServiceKind
{
    /// <summary>Not recognised.</summary>
    Other = 0,

    /// <summary>IIIF Image API (any version).</summary>
    Image,

    /// <summary>IIIF Content Search (0.9, 1.0 or 2.0).</summary>
    Search,

    /// <summary>Content Search autocomplete.</summary>
    Autocomplete,

    /// <summary>IIIF Authentication (any version, any pattern).</summary>
    Auth,
}
