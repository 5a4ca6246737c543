using IiifHarvester.Images;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Images;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Resources;

/// <summary>
/// The services of a lookup; <see cref="Images"/> is null on a host serving search without a store (it has no
/// catalog of image services to ask).
/// </summary>
internal sealed record ResourceServices(
    [FromServices] IContentSearch Search,
    [FromServices] IOptions<SearchApiOptions> Api,
    [FromServices] IOptions<ImagesOptions> ImageOptions,
    [FromServices] IImageServiceCatalog? Images);
