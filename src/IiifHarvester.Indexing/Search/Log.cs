using Microsoft.Extensions.Logging;

namespace IiifHarvester.Indexing.Search;

internal static partial class Log
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Search {Scope} '{Query}': {Total} hits in {Documents} documents, {ElapsedMs} ms")]
    public static partial void Searched(ILogger logger, string scope, string query, int total, int documents, double elapsedMs);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Debug, Message = "Autocomplete {Scope} '{Prefix}': {Count} terms from {Scanned} scanned, {ElapsedMs} ms")]
    public static partial void Completed(ILogger logger, string scope, string prefix, int count, int scanned, double elapsedMs);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Catalog search '{Query}': {Total} results, {ElapsedMs} ms")]
    public static partial void CatalogSearched(ILogger logger, string query, int total, double elapsedMs);
}
