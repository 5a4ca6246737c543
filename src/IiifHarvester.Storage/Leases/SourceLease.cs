namespace IiifHarvester.Storage.Leases;

/// <summary>
/// Who holds the right to run a source's harvest, until when. Held in the store, so it holds across processes and
/// across nodes sharing one store; renewed while the run goes on, so a holder that dies frees it when it expires.
/// </summary>
public sealed record SourceLease
{
    /// <summary>The source.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The holder: a process and run identity (host, process id, run id).</summary>
    public required string Owner { get; init; }

    /// <summary>When the holder took it (kept across renewals).</summary>
    public required DateTimeOffset AcquiredAt { get; init; }

    /// <summary>When it lapses unless renewed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Whether <paramref name="owner"/> holds it.</summary>
    public bool IsHeldBy(string owner) => string.Equals(Owner, owner, StringComparison.Ordinal);
}
