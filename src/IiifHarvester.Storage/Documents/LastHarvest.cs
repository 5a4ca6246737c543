using System.Text.Json;
using System.Text.Json.Serialization;

namespace IiifHarvester.Storage.Documents;

/// <summary>
/// How a source's last harvest went, kept in the store as one of the source's checkpoints so that it outlives the
/// process and every node of a cluster reads the same (the in-memory status board knows only the runs this process
/// made since it started). A run another run refused, or one cancelled by shutdown, is not recorded.
/// </summary>
public sealed record LastHarvest
{
    /// <summary>The checkpoint that holds it; stream checkpoints are named <c>stream:{uri}</c>, so the two never meet.</summary>
    public const string CheckpointName = "harvest:last";

    /// <summary>When the last run started.</summary>
    [JsonPropertyName("startedAt")]
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last run finished.</summary>
    [JsonPropertyName("finishedAt")]
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>True when the last run failed as a whole (no root could be read, or the store stopped it).</summary>
    [JsonPropertyName("failed")]
    public bool Failed { get; init; }

    /// <summary>When the last run that did not fail as a whole finished: "last harvested"; null when none has.</summary>
    [JsonPropertyName("harvestedAt")]
    public DateTimeOffset? HarvestedAt { get; init; }

    /// <summary>The record after a run that started at <paramref name="startedAt"/> and finished at <paramref name="finishedAt"/>.</summary>
    public static LastHarvest After(LastHarvest? previous, DateTimeOffset startedAt, DateTimeOffset finishedAt, bool failed) => new()
    {
        StartedAt = startedAt,
        FinishedAt = finishedAt,
        Failed = failed,
        HarvestedAt = failed ? previous?.HarvestedAt : finishedAt,
    };

    /// <summary>The record of <paramref name="sourceKey"/>, or null when it was never harvested (or its record cannot be read).</summary>
    public static async Task<LastHarvest?> ReadAsync(IDocumentStore store, string sourceKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Parse(await store.GetCheckpointAsync(sourceKey, CheckpointName, cancellationToken));
    }

    /// <summary>Writes this record as <paramref name="sourceKey"/>'s.</summary>
    public Task WriteAsync(IDocumentStore store, string sourceKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.SetCheckpointAsync(sourceKey, CheckpointName, JsonSerializer.Serialize(this), cancellationToken);
    }

    private static LastHarvest? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LastHarvest>(value);
        }
        catch (JsonException)
        {
            // Unreadable: the page says "not yet harvested" until the next run writes it again.
            return null;
        }
    }
}
