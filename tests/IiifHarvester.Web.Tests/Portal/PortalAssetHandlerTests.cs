using IiifHarvester.Web.Portal;
using Microsoft.AspNetCore.Http.HttpResults;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>The portal's asset handler called with a file name, without a server.</summary>
public sealed class PortalAssetHandlerTests
{
    [Theory]
    [InlineData("portal.css", "text/css; charset=utf-8")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public void GetAsset_OurFile_IsThatFileWithItsType(string file, string contentType)
    {
        var asset = Assert.IsType<PortalAsset>(PortalEndpoints.GetAsset(file).Result);

        Assert.Equal(contentType, asset.ContentType);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "portal", file), asset.Path);
    }

    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("../IiifHarvester.Web.dll")]
    public void GetAsset_AnyOtherName_IsNotFound(string file)
    {
        Assert.IsType<NotFound>(PortalEndpoints.GetAsset(file).Result);
    }
}
