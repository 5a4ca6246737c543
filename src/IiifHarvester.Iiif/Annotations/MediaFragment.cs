namespace IiifHarvester.Iiif.Annotations;

/// <summary>
/// A resource with a region and a stretch of time as its media fragment (W3C Media Fragments 1.0): <c>#xywh=…</c>,
/// <c>#t=…</c>, or both joined by <c>&amp;</c>, as annotations, search hits and content states target a canvas.
/// </summary>
public static class MediaFragment
{
    /// <summary>The most characters <see cref="Format"/> writes after the resource id.</summary>
    public const int MaxLength = 6 + Region.MaxXywhLength + 1 + TimeRange.MaxLength;

    /// <summary><paramref name="resourceId"/> with <paramref name="region"/> and <paramref name="time"/> as its media fragment, or alone without either.</summary>
    public static string Select(string resourceId, Region? region, TimeRange? time = null)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        if (region is null && time is null)
        {
            return resourceId;
        }

        var buffer = new char[resourceId.Length + MaxLength];
        return new string(buffer, 0, Format(buffer, resourceId, region, time));
    }

    /// <summary>
    /// Writes <see cref="Select"/> into <paramref name="destination"/>, which holds at least the id and
    /// <see cref="MaxLength"/> more; the characters written.
    /// </summary>
    public static int Format(Span<char> destination, string resourceId, Region? region, TimeRange? time)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        resourceId.CopyTo(destination);
        var at = resourceId.Length;
        if (region is { } box)
        {
            Region.FragmentPrefix.CopyTo(destination[at..]);
            at += Region.FragmentPrefix.Length;
            box.TryFormatXywh(destination[at..], out var written);
            at += written;
        }

        if (time is { } stretch)
        {
            destination[at++] = region is null ? '#' : '&';
            stretch.TryFormat(destination[at..], out var written);
            at += written;
        }

        return at;
    }
}
