namespace IiifHarvester.Images.Requests;

/// <summary>The form of a size parameter (Image API 3.0 §4.2, 2.1 §4.2).</summary>
public enum SizeKind
{
    /// <summary><c>max</c> (and 2.x <c>full</c>, which differs only in ignoring the server's limits).</summary>
    Max,

    /// <summary>2.x <c>full</c>: the region's own size.</summary>
    Full,

    /// <summary><c>w,</c>.</summary>
    Width,

    /// <summary><c>,h</c>.</summary>
    Height,

    /// <summary><c>pct:n</c>.</summary>
    Percent,

    /// <summary><c>w,h</c>: exactly, distorting the aspect ratio if need be.</summary>
    Exact,

    /// <summary><c>!w,h</c>: the largest that fits in w×h keeping the aspect ratio.</summary>
    Confined,
}
