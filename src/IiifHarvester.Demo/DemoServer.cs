using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Demo;

/// <summary>A demo institution on its own Kestrel server on 127.0.0.1, for tests and benchmarks.</summary>
public sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoServer(WebApplication app, DemoInstitution institution)
    {
        _app = app;
        Institution = institution;
    }

    /// <summary>The institution served.</summary>
    public DemoInstitution Institution { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<DemoServer> StartAsync(DemoInstitutionOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        DemoInstitution? institution = null;
        app.MapDemoInstitution(() => institution ?? throw new InvalidOperationException("the demo server is not started"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        institution = new DemoInstitution(options, address.TrimEnd('/'));
        return new DemoServer(app, institution);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
