namespace IiifHarvester.Indexing;

/// <summary>What the index holds, for status pages and logs.</summary>
public sealed record IndexStatistics
{
    /// <summary>Manifests indexed.</summary>
    public long Manifests { get; init; }

    /// <summary>Collections indexed.</summary>
    public long Collections { get; init; }

    /// <summary>Annotations indexed (each OCR line or transcription annotation counts once).</summary>
    public long Annotations { get; init; }

    /// <summary>Lucene documents holding annotation text (one per canvas, motivation, creator and date).</summary>
    public long TextDocuments { get; init; }

    /// <summary>Segments in the current reader.</summary>
    public int Segments { get; init; }

    /// <summary>Bytes on disk (or in memory) of every index file.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The change sequence of the last commit.</summary>
    public long CommittedSequence { get; init; }

    /// <summary>The version of the reader searches use now (moves on every refresh that saw changes).</summary>
    public long Generation { get; init; }
}
