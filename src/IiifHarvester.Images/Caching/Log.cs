using Microsoft.Extensions.Logging;

namespace IiifHarvester.Images.Caching;

internal static partial class Log
{
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Image cache at {Directory}: {Count} entries, {Bytes} bytes loaded")]
    public static partial void CacheLoaded(ILogger logger, string directory, int count, long bytes);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Image cache evicted {Count} entries ({Bytes} bytes) to stay under {Cap} bytes")]
    public static partial void Evicted(ILogger logger, int count, long bytes, long cap);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Skipped unreadable image cache entry {Path}")]
    public static partial void SkippedEntry(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Could not delete image cache file {Path}")]
    public static partial void DeleteFailed(ILogger logger, string path, Exception exception);
}
