using Microsoft.Extensions.Logging;

namespace IiifHarvester.Images.Upstream;

internal static partial class Log
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "Upstream GET {Url} answered {StatusCode} in {ElapsedMs} ms")]
    public static partial void UpstreamFetched(ILogger logger, Uri url, int statusCode, long elapsedMs);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Upstream GET {Url} failed: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Refused to fetch {Url} for source {SourceKey}: {Reason}")]
    public static partial void HostRefused(ILogger logger, string url, string sourceKey, string reason);
}
