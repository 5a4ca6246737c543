namespace IiifHarvester.Storage;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The SQLite database file.</summary>
    /// <value>Defaults to <c>{Data:Directory}/store.db</c>, filled in by <c>AddIiifStorage</c>.</value>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a writer waits on a locked database before failing.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
