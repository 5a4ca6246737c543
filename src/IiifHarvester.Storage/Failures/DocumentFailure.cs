using IiifHarvester.Storage.Documents;

namespace IiifHarvester.Storage.Failures;

/// <summary>
/// A document of a source that keeps failing (robots-disallowed, 401/403, repeated 5xx...), kept apart from the
/// stream's checkpoint so the checkpoint moves past it, and retried on its own when <see cref="NextAttemptAt"/> comes.
/// </summary>
public sealed record DocumentFailure
{
    /// <summary>The source.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The document's URI.</summary>
    public required string Uri { get; init; }

    /// <summary>What it is (a manifest or a collection).</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>Why the last attempt failed, short (e.g. <c>Forbidden (HTTP 403)</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>Attempts that failed in a row (1 after the first).</summary>
    public required int Attempts { get; init; }

    /// <summary>When the first of them failed.</summary>
    public required DateTimeOffset FirstFailedAt { get; init; }

    /// <summary>When the last of them failed.</summary>
    public required DateTimeOffset LastFailedAt { get; init; }

    /// <summary>When it is tried again.</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }
}
