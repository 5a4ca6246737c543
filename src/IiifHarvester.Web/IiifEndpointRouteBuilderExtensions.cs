using IiifHarvester.Web.Admin;
using IiifHarvester.Web.Catalog;
using IiifHarvester.Web.Discovery;
using IiifHarvester.Web.Home;
using IiifHarvester.Web.Images;
using IiifHarvester.Web.Manifests;
using IiifHarvester.Web.Portal;
using IiifHarvester.Web.Resources;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web;

/// <summary>Maps every HTTP endpoint IiifHarvester serves.</summary>
public static class IiifEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapIiifHarvester(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapIiifHome();
        endpoints.MapIiifAdmin();
        endpoints.MapIiifDiscovery();
        endpoints.MapIiifSearch();
        endpoints.MapIiifManifests();
        endpoints.MapIiifResources();
        endpoints.MapIiifCatalog();
        endpoints.MapIiifPortal();
        endpoints.MapIiifImages();
        return endpoints;
    }
}
