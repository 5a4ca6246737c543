using Microsoft.Extensions.Logging;

namespace IiifHarvester.Images.Serving;

internal static partial class Log
{
    [LoggerMessage(EventId = 6300, Level = LogLevel.Warning, Message = "Serving stale {CacheKey}: revalidation failed ({Reason})")]
    public static partial void ServingStale(ILogger logger, string cacheKey, string reason);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "Upstream answered {StatusCode} for {CacheKey}")]
    public static partial void UpstreamError(ILogger logger, string cacheKey, int statusCode);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Composing {CacheKey} failed")]
    public static partial void ComposeFailed(ILogger logger, string cacheKey, Exception exception);
}
