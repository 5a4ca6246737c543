using System.Reflection;
using Xunit;

namespace IiifHarvester.Web.Tests;

/// <summary>The layers issue 9 asks for, as the compiled assemblies reference each other.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void Web_DoesNotReferenceHarvesting_OnlyTheSourcesAndStatusItDescribes()
    {
        var web = References(typeof(WebServiceCollectionExtensions).Assembly);

        Assert.DoesNotContain("IiifHarvester.Harvesting", web);
        Assert.Contains("IiifHarvester.Sources", web);
    }

    [Fact]
    public void Images_IsAnEngine_WithoutAspNetCoreEndpoints()
    {
        var images = References(typeof(IiifHarvester.Images.ImagesServiceCollectionExtensions).Assembly);

        Assert.DoesNotContain(images, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain("IiifHarvester.Web", images);
    }

    [Fact]
    public void Engines_DoNotReferenceTheWebLayer()
    {
        foreach (var engine in new[] { "IiifHarvester.Storage", "IiifHarvester.Indexing", "IiifHarvester.Crawling", "IiifHarvester.Images", "IiifHarvester.Sources" })
        {
            Assert.DoesNotContain("IiifHarvester.Web", References(Assembly.Load(engine)));
        }
    }

    private static HashSet<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);
}
