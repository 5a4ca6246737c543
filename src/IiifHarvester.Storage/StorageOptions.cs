namespace IiifHarvester.Storage;

/// <summary>Where and how the store keeps its data.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The database behind the store.</summary>
    /// <value>Defaults to <see cref="StorageProvider.Sqlite"/>.</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file (<see cref="StorageProvider.Sqlite"/> only).</summary>
    /// <value>Set by the host to <c>{Data:Directory}/store.db</c> unless configured.</value>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// The Npgsql connection string (<see cref="StorageProvider.PostgreSql"/> only), e.g.
    /// <c>Host=db;Database=iiif;Username=iiif;Password=...</c>.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How long a writer waits on a locked database before failing.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
