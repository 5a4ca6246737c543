using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>Capabilities for resolver tests.</summary>
public static class Caps
{
    public static ImageCapabilities Level2(ImageApiVersion version, int width = 1000, int height = 1000, bool upscaling = true, int? maxWidth = null, long? maxArea = null)
    {
        var features = new HashSet<string>(ImageCapabilitiesBuilder.LocalFeatures);
        if (!upscaling)
        {
            features.Remove("sizeUpscaling");
        }

        return new ImageCapabilities
        {
            Version = version,
            Width = width,
            Height = height,
            Level = 2,
            UpstreamLevel = 2,
            ComposesLocally = false,
            MaxWidth = maxWidth,
            MaxHeight = maxWidth,
            MaxArea = maxArea,
            Features = features,
            Qualities = ImageCapabilitiesBuilder.LocalQualities,
            Formats = ImageCapabilitiesBuilder.LocalFormats,
        };
    }

    /// <summary>What a level 1 upstream itself can do (what we serve is level 2; see <see cref="ImageCapabilitiesBuilder.Build"/>).</summary>
    public static ImageCapabilities Level1(ImageApiVersion version, int width = 1000, int height = 1000)
        => ImageCapabilitiesBuilder.BuildUpstream(new ImageInfo { Version = version, Id = "http://x/i", Width = width, Height = height, Level = 1 });

    public static ResolvedImageRequest Resolve(ImageCapabilities caps, string path)
    {
        var p = path.Split('/');
        return ImageRequestResolver.Resolve(ImageRequestParser.Parse(caps.Version, p[0], p[1], p[2], p[3]), caps);
    }
}
