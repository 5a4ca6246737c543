using Microsoft.Extensions.Logging;

namespace IiifHarvester.Indexing.Writing;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Opened index at {Location}: committed sequence {Sequence}, {Documents} documents")]
    public static partial void IndexOpened(ILogger logger, string location, long sequence, int documents);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "Committed index at sequence {Sequence} in {ElapsedMs} ms")]
    public static partial void Committed(ILogger logger, long sequence, long elapsedMs);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Refreshing index readers failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Deleted every document from the index (reindex)")]
    public static partial void DeletedAll(ILogger logger);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Index commit data holds an unreadable sequence '{Value}'; treating the index as empty")]
    public static partial void BadSequence(ILogger logger, string value);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Closed index; uncommitted changes were rolled back (they are re-applied from sequence {Sequence})")]
    public static partial void Closed(ILogger logger, long sequence);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Index at {Location} could not be opened (an interrupted first commit?); it is emptied and rebuilt from the store")]
    public static partial void IndexUnreadable(ILogger logger, string location, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Index was written with document layout {Found}, this version writes {Current}; every resource is indexed again from the store")]
    public static partial void SchemaChanged(ILogger logger, string found, string current);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "An index merge failed (the disk may be full); the segments stay as they were and merging is tried again later")]
    public static partial void MergeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error, Message = "Writing the index failed; the writer is reopened from the last commit (sequence {Sequence}) and the changes since are applied again from the store")]
    public static partial void WriteFailed(ILogger logger, long sequence, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "The index writer could not be reopened yet; searches keep using the last committed index, and the next write tries again")]
    public static partial void ReopenFailed(ILogger logger, Exception exception);
}
