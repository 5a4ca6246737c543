namespace IiifHarvester.Images.Requests;

/// <summary>The form of a region parameter (Image API 3.0 §4.1, 2.1 §4.1).</summary>
public enum RegionKind
{
    /// <summary><c>full</c>.</summary>
    Full,

    /// <summary><c>square</c>.</summary>
    Square,

    /// <summary><c>x,y,w,h</c> in pixels.</summary>
    Pixels,

    /// <summary><c>pct:x,y,w,h</c>.</summary>
    Percent,
}
