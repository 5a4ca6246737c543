using IiifHarvester.Storage;
using IiifHarvester.Storage.Migration;

namespace IiifHarvester.Commands;

/// <summary>
/// <c>migrate --to CONNECTION</c>: copies the SQLite store under the data directory into an empty PostgreSQL store,
/// the move from one node to a cluster.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var builder = HarvesterApp.CreateBuilder(args.ConfigurationArgs);
        var sqlitePath = builder.Configuration[$"{StorageOptions.Section}:DatabasePath"]!;

        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var result = await SqliteToPostgreSqlMigration.CopyAsync(sqlitePath, args.Target!, cancellationToken);
            Console.WriteLine(
                $"copied {result.Documents} documents, {result.Changes} changes (last {result.LastSequence}), {result.Checkpoints} checkpoints, " +
                $"{result.ImageServices} image services, {result.Failures} failure records and {result.Memberships} collection memberships from {sqlitePath} in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s");
            Console.WriteLine("start the nodes with --Storage:Provider=PostgreSql --Storage:ConnectionString=...; each builds its index from the change log");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"migrate: {ex.Message}");
            return 1;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"migrate: PostgreSQL: {ex.Message}");
            return 1;
        }
    }
}
