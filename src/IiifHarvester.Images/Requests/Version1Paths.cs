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

    /// <summary>A 1.x quality's 2.x name (<c>native</c> is <c>default</c>, <c>grey</c> is <c>gray</c>); others as given.</summary>
    public static string QualityAsVersion2(string quality) => quality switch
    {
        "native" => "default",
        "grey" => "gray",
        _ => quality,
    };
}
