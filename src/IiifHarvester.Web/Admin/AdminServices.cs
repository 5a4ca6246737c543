using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Admin;

/// <summary>
/// The services of <c>/admin/status</c>; <see cref="Node"/> is null on a host without harvesting (tests of the
/// endpoints alone), which has no node to report.
/// </summary>
internal sealed record AdminServices(
    [FromServices] SourceCatalog Catalog,
    [FromServices] IHarvestStatus Board,
    [FromServices] IHarvestTrigger Trigger,
    [FromServices] IDocumentStore Store,
    [FromServices] IOptions<WebOptions> Web,
    [FromServices] ILocalNode? Node);
