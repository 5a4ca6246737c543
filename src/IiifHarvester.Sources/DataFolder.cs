using Microsoft.Extensions.Configuration;

namespace IiifHarvester.Sources;

/// <summary>
/// Where the aggregator keeps what it harvested: one folder (<c>Data:Directory</c>, default <c>./data</c>), resolved
/// once by the host into an absolute path, and the path each engine keeps under it. The engines read only their own
/// setting (<c>Storage:DatabasePath</c>, <c>Indexing:Directory</c>, <c>Images:CacheDirectory</c>,
/// <c>Harvesting:SchedulerDatabasePath</c>), so one set elsewhere by an operator wins over the folder.
/// </summary>
public static class DataFolder
{
    /// <summary>The setting that names the folder.</summary>
    public const string Key = "Data:Directory";

    /// <summary>The folder when none is configured, relative to the working directory.</summary>
    public const string DefaultDirectory = "data";

    private static readonly (string Key, string Name)[] Paths =
    [
        ("Storage:DatabasePath", "store.db"),
        ("Indexing:Directory", "index"),
        ("Images:CacheDirectory", "image-cache"),
        ("Harvesting:SchedulerDatabasePath", "quartz.db"),
    ];

    /// <summary>
    /// Resolves the folder named by <paramref name="configuration"/> to an absolute path, writes it back, and fills in
    /// every engine path that is not configured. Call once, after every configuration source has been added.
    /// </summary>
    /// <returns>The absolute folder.</returns>
    public static string Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Key];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDirectory : configured);
        configuration[Key] = directory;
        foreach (var (key, value) in SettingsFor(directory))
        {
            if (key != Key && string.IsNullOrWhiteSpace(configuration[key]))
            {
                configuration[key] = value;
            }
        }

        return directory;
    }

    /// <summary>The settings that put every engine under <paramref name="directory"/> (for hosts built without <see cref="Apply"/>).</summary>
    public static IReadOnlyDictionary<string, string?> SettingsFor(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [Key] = directory };
        foreach (var (key, name) in Paths)
        {
            settings[key] = Path.Combine(directory, name);
        }

        return settings;
    }
}
