using IiifHarvester.Web.Admin;
using IiifHarvester.Web.Discovery;
using IiifHarvester.Images;
using IiifHarvester.Web.Home;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web;

/// <summary>Maps every endpoint group of the aggregator.</summary>
public static class IiifEndpointRouteBuilderExtensions
{
    /// <summary>Maps home, admin, Discovery, Content Search, manifests, resources, catalog and images.</summary>
    public static IEndpointRouteBuilder MapIiifHarvester(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIiifHome();
        endpoints.MapIiifAdmin();
        endpoints.MapIiifDiscovery();
        endpoints.MapIiifSearch();
        endpoints.MapIiifImages();
        return endpoints;
    }
}
