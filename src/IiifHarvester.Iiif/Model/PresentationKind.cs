namespace IiifHarvester.Iiif.Model;

/// <summary>The two kinds of presentation resource we harvest and index.</summary>
public enum PresentationKind
{
    /// <summary>A manifest (v2 <c>sc:Manifest</c>, v3 <c>Manifest</c>).</summary>
    Manifest,

    /// <summary>A collection (v2 <c>sc:Collection</c>, v3 <c>Collection</c>).</summary>
    Collection,
}
