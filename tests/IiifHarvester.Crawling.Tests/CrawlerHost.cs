using System.Collections.Concurrent;
using IiifHarvester.Crawling.Collections;
using IiifHarvester.Crawling.Discovery;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Tests;

/// <summary>The crawler as the host wires it, with tiny retry delays and short timeouts, and the log captured.</summary>
internal sealed class CrawlerHost : IDisposable
{
    private readonly ServiceProvider _services;

    public CrawlerHost(Action<CrawlingOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crawling:ContactUrl"] = "https://example.org/harvester",
        }).Build();
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new CapturingLoggerProvider(Log)));
        services.AddIiifCrawling(configuration);
        services.Configure<CrawlingOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            o.Timeout = TimeSpan.FromSeconds(5);
            o.MaxRetries = 3;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>A policy for loopback test servers: private networks allowed, no rate limit.</summary>
    public static FetchPolicy Loopback { get; } = new()
    {
        SourceKey = "test",
        AllowPrivateNetworks = true,
        RequestsPerSecond = 0,
        MaxConcurrency = 8,
    };

    public ConcurrentQueue<string> Log { get; } = new();

    public IIiifFetcher Fetcher => _services.GetRequiredService<IIiifFetcher>();

    public IDiscoveryWalker Discovery => _services.GetRequiredService<IDiscoveryWalker>();

    public ICollectionWalker Collections => _services.GetRequiredService<ICollectionWalker>();

    public Task<FetchResult> FetchAsync(Uri uri, FetchPolicy? policy = null) =>
        Fetcher.FetchAsync(new FetchRequest(uri, policy ?? Loopback), CancellationToken.None);

    public void Dispose() => _services.Dispose();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{eventId.Id} {formatter(state, exception)}");
    }
}
