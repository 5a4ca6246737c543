using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>Source-generated log messages of the Discovery walker (event ids 1100-1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Walked Discovery stream {StreamUri} for {SourceKey}: {Pages} pages, {Activities} activities, {Changes} changes, complete {Complete}, stopped by {StopReason}")]
    public static partial void WalkFinished(ILogger logger, Uri streamUri, string sourceKey, int pages, int activities, int changes, bool complete, DiscoveryStopReason stopReason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Discovery stream {StreamUri} for {SourceKey}: {Error}")]
    public static partial void WalkError(ILogger logger, Uri streamUri, string sourceKey, string error);
}
