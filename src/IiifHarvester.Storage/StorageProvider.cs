namespace IiifHarvester.Storage;

/// <summary>Which database holds the store.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file under the data directory: one node, nothing to install (the default).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database several nodes share (<see cref="StorageOptions.ConnectionString"/>).</summary>
    PostgreSql = 1,
}
