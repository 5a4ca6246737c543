using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Images;

internal static partial class Log
{
    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Purged {Count} image cache entries ({Scope})")]
    public static partial void Purged(ILogger logger, int count, string scope);
}
