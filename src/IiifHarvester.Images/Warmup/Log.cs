using Microsoft.Extensions.Logging;

namespace IiifHarvester.Images.Warmup;

internal static partial class Log
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Warning, Message = "Warm-up of {Target} failed: {Reason}")]
    public static partial void WarmFailed(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Warmed source {SourceKey}: {Result}")]
    public static partial void Warmed(ILogger logger, string sourceKey, WarmResult result);
}
