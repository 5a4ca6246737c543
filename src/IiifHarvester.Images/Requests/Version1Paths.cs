namespace IiifHarvester.Images.Requests;

/// <summary>
/// Image API 1.x requests for an upstream that speaks nothing later. We read a 1.x service as 2.x (its region, size and
/// rotation forms are 2.x's), but 1.x names two qualities differently: the image as it is, 2.x <c>default</c>, is
/// <c>native</c>, and 2.x <c>gray</c> is <c>grey</c> (Image API 1.1 §4.4). A 1.x server refuses the 2.x names, so a path
/// built in 2.x syntax is renamed before it is sent.
/// </summary>
public static class Version1Paths
{
    /// <summary>
    /// <paramref name="path"/> (<c>{region}/{size}/{rotation}/{quality}.{format}</c> in 2.x syntax, or
    /// <c>info.json</c>) as a 1.x server takes it.
    /// </summary>
    public static string FromVersion2(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return path;
        }

        var file = path.AsSpan(slash + 1);
        var dot = file.LastIndexOf('.');
        var quality = dot < 0 ? file : file[..dot];
        var renamed = quality switch
        {
            "default" => "native",
            "gray" => "grey",
            _ => null,
        };
        return renamed is null ? path : string.Concat(path.AsSpan(0, slash + 1), renamed, dot < 0 ? [] : file[dot..]);
    }

    /// <summary>
    /// <paramref name="path"/> as <see cref="FromVersion2(string)"/> gives it, and with a region that is the whole
    /// <paramref name="width"/>×<paramref name="height"/> image named <c>full</c>: a 1.x level 0 tile set has its
    /// whole-image tiles only as <c>full/w,</c> (no <c>sizes</c> in 1.x to list them by; the reference implementation's
    /// static generator, zimeon iiif/static.py, skips full-region tiles and writes <c>full</c> instead), which is also
    /// what OpenSeadragon asks a 1.x service for.
    /// </summary>
    public static string FromVersion2(string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(path);
        var whole = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0,0,{width},{height}/");
        return FromVersion2(path.StartsWith(whole, StringComparison.Ordinal) ? string.Concat("full/", path.AsSpan(whole.Length)) : path);
    }

    /// <summary>A 1.x quality's 2.x name (<c>native</c> is <c>default</c>, <c>grey</c> is <c>gray</c>); others as given.</summary>
    public static string QualityAsVersion2(string quality) => quality switch
    {
        "native" => "default",
        "grey" => "gray",
        _ => quality,
    };
}
