namespace IiifHarvester.Images.Serving;

/// <summary>Media types of the Image API formats (3.0 §4.5).</summary>
internal static class MediaTypes
{
    public static string ForFormat(string format) => format switch
    {
        "jpg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" => "image/tiff",
        "jp2" => "image/jp2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}
