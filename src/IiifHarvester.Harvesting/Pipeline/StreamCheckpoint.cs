using System.Text.Json;
using System.Text.Json.Serialization;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// Where a Discovery stream was left: the newest activity time every change up to which is in the store, the keys of
/// the changes processed inside the overlap window before it (so the boundary items seen again next time are not
/// fetched again), and when the stream was last fully reconciled.
/// </summary>
internal sealed record StreamCheckpoint
{
    [JsonPropertyName("newest")]
    public DateTimeOffset? Newest { get; init; }

    [JsonPropertyName("boundary")]
    public IReadOnlyList<string> Boundary { get; init; } = [];

    [JsonPropertyName("reconciled")]
    public DateTimeOffset? Reconciled { get; init; }

    /// <summary>The stream's last page as it was when the checkpoint was written, to tell "nothing new" in two requests.</summary>
    [JsonPropertyName("lastPage")]
    public StreamPageState? LastPage { get; init; }

    public static string Name(Uri stream) => "stream:" + stream.AbsoluteUri;

    public static StreamCheckpoint Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new StreamCheckpoint();
        }

        try
        {
            return JsonSerializer.Deserialize<StreamCheckpoint>(value) ?? new StreamCheckpoint();
        }
        catch (JsonException)
        {
            // An unreadable checkpoint costs a full walk, never a lost change.
            return new StreamCheckpoint();
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this);
}
