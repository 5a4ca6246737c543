using IiifHarvester.Images;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Manifests;

/// <summary>The services of the re-serving endpoint; <see cref="Search"/> (labels of the collections) is optional.</summary>
internal sealed record ManifestServices(
    [FromServices] IDocumentStore Store,
    [FromServices] SourceCatalog Sources,
    [FromServices] IOptions<SearchApiOptions> Api,
    [FromServices] IOptions<ImagesOptions> Images,
    [FromServices] ILoggerFactory Loggers,
    [FromServices] IContentSearch? Search);
