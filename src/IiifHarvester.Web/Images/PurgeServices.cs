using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Serving;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Images;

/// <summary>The services of the purge endpoint.</summary>
internal sealed record PurgeServices(
    [FromServices] ImageProxy Proxy,
    [FromServices] IImageServiceRegistry Registry,
    [FromServices] RegistryLookupCache Lookups,
    [FromServices] ILoggerFactory Loggers);
