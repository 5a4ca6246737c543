using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Web;

/// <summary>Brotli and gzip for our JSON answers (Change Discovery 1.0 §4.1 and IIIF practice: compression SHOULD be used).</summary>
public static class ResponseCompressionServiceCollectionExtensions
{
    /// <summary>
    /// Compresses JSON and JSON-LD answers with Brotli or gzip when the client accepts either (over HTTPS too: the
    /// answers are public, so there is no secret for BREACH to recover). Images are left alone: JPEG and PNG are
    /// compressed already.
    /// </summary>
    public static IServiceCollection AddIiifResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/ld+json", "text/plain", "text/html", "text/css", "application/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
