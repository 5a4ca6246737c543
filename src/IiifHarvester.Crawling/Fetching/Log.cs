using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>Source-generated log messages of the fetcher (event ids 1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Fetched {Uri} for {SourceKey}: {Status} (HTTP {HttpStatus}, {Bytes} bytes, {Attempts} attempts, {ElapsedMs} ms)")]
    public static partial void Fetched(ILogger logger, Uri uri, string sourceKey, FetchStatus status, int? httpStatus, int bytes, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Fetching {Uri} for {SourceKey} failed: {Status} (HTTP {HttpStatus}) after {Attempts} attempts: {Error}")]
    public static partial void FetchFailed(ILogger logger, Uri uri, string sourceKey, FetchStatus status, int? httpStatus, int attempts, string? error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Retrying {Uri} for {SourceKey} in {DelayMs} ms (retry {Retry}): {Reason}")]
    public static partial void Retrying(ILogger logger, Uri uri, string sourceKey, long delayMs, int retry, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Circuit for host {Host} opened for {BreakMs} ms")]
    public static partial void CircuitOpened(ILogger logger, string host, long breakMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Circuit for host {Host} closed")]
    public static partial void CircuitClosed(ILogger logger, string host);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Blocked {Uri} for {SourceKey}: {Reason}")]
    public static partial void Blocked(ILogger logger, Uri uri, string sourceKey, string reason);
}
