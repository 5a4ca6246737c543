using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The whole host in process (<see cref="Program"/>'s serve verb) on a temp data directory, harvesting a demo institution.</summary>
internal sealed class HostFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new("iiifh-e2e");
    private readonly Dictionary<string, string?> _settings;

    public HostFactory(DemoInstitution institution, IDictionary<string, string?>? extra = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = _data.Path,
            ["Harvesting:AdminKey"] = AdminKey,
            ["Sources:demo:Name"] = "Demo Institution",
            ["Sources:demo:Streams:0"] = institution.StreamUri,
            ["Sources:demo:AllowPrivateNetworks"] = "true",
            ["Sources:demo:RequestsPerSecond"] = "1000",
            ["Sources:demo:MaxConcurrency"] = "16",
            ["Sources:demo:Schedule"] = "0 0 3 * * ?",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public const string AdminKey = "test-admin-key";

    public string DataDirectory => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Dispose();
        }
    }
}
