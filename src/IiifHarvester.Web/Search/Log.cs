using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Search;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "Rejected search request for {Key}: {Reason}")]
    public static partial void Rejected(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Stored document {Key} is not JSON we can add services to; served as harvested")]
    public static partial void ServiceInjectionSkipped(ILogger logger, string key, Exception exception);
}
