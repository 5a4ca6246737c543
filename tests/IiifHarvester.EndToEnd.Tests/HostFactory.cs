using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The whole host in process (<see cref="Program"/>'s serve verb) on a temp data directory, harvesting a demo institution.</summary>
internal sealed class HostFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new("iiifh-e2e");
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public HostFactory(DemoInstitution institution, IDictionary<string, string?>? extra = null)
        : this(DemoSource(institution, extra))
    {
    }

    /// <summary>The host with the sources (and any other settings) given; <paramref name="services"/> replaces services (a fake clock).</summary>
    public HostFactory(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Data:Directory"] = _data.Path,
            ["Harvesting:AdminKey"] = AdminKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    private static Dictionary<string, string?> DemoSource(DemoInstitution institution, IDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:demo:Name"] = "Demo Institution",
            ["Sources:demo:Streams:0"] = institution.StreamUri,
            ["Sources:demo:AllowPrivateNetworks"] = "true",
            ["Sources:demo:RequestsPerSecond"] = "1000",
            ["Sources:demo:MaxConcurrency"] = "16",
            ["Sources:demo:Schedule"] = "0 0 3 * * ?",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public const string AdminKey = "test-admin-key";

    public string DataDirectory => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The host reads some settings (the data directory above all) while it is being built, before settings
        // given here would apply, so they go in as the IIIFHARVESTER_ environment variables the host reads first.
        // This assembly runs its tests one at a time for that reason.
        foreach (var (key, value) in _settings)
        {
            Environment.SetEnvironmentVariable(EnvironmentName(key), value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    private static string EnvironmentName(string key) => "IIIFHARVESTER_" + key.Replace(":", "__", StringComparison.Ordinal);

    protected override IHost CreateHost(IHostBuilder builder)
    {
        try
        {
            return base.CreateHost(builder);
        }
        finally
        {
            foreach (var key in _settings.Keys)
            {
                Environment.SetEnvironmentVariable(EnvironmentName(key), null);
            }
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
