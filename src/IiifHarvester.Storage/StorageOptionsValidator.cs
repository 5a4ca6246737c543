using Microsoft.Extensions.Options;
using Npgsql;

namespace IiifHarvester.Storage;

/// <summary>Checks <see cref="StorageOptions"/> on start and reports every failure at once.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Storage:Provider must be Sqlite or PostgreSql.");
        }

        if (options.Provider == StorageProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add("Storage:ConnectionString must be set when Storage:Provider is PostgreSql (e.g. Host=db;Database=iiif;Username=iiif).");
            }
            else
            {
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"Storage:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("Storage:DatabasePath must be set.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add("Storage:BusyTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
