using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Collections;

/// <summary>Source-generated log messages of the collection walker (event ids 1200-1299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Collection {Uri} for {SourceKey} failed: {Error}")]
    public static partial void CollectionFailed(ILogger logger, Uri uri, string sourceKey, string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Walked collections from {Root} for {SourceKey}: {Collections} collections ({Unchanged} unchanged), {Manifests} manifests, {Failures} failures, complete {Complete}")]
    public static partial void WalkFinished(ILogger logger, Uri root, string sourceKey, int collections, int manifests, int unchanged, int failures, bool complete);
}
