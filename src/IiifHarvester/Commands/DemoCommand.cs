using System.Net;
using System.Net.Sockets;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Indexing;
using IiifHarvester.Sources;
using IiifHarvester.Iiif.Identity;

namespace IiifHarvester.Commands;

/// <summary>
/// <c>demo</c>: serves a generated institution at <c>/demo</c> on our own port, registers it as the source
/// <c>demo</c>, harvests it, prints URLs to try, and keeps serving (and re-harvesting on its schedule).
/// </summary>
internal static class DemoCommand
{
    public const string SourceKey = "demo";

    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var url = ListenUrl(args.Rest);
        var demoBase = $"{url.TrimEnd('/')}/demo";
        var options = new DemoInstitutionOptions { Manifests = args.Manifests ?? 200 };
        var institution = new DemoInstitution(options, demoBase);
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = url,
            [$"Sources:{SourceKey}:Name"] = "Demo Institution (generated)",
            [$"Sources:{SourceKey}:Streams:0"] = institution.StreamUri,
            [$"Sources:{SourceKey}:Schedule"] = "0 0/10 * * * ?",
            [$"Sources:{SourceKey}:AllowPrivateNetworks"] = "true",
            [$"Sources:{SourceKey}:ProxyImages"] = "true",
            [$"Sources:{SourceKey}:RequestsPerSecond"] = "1000",
            [$"Sources:{SourceKey}:MaxConcurrency"] = "16",
        };
        var app = HarvesterApp.CreateBuilder(args.ConfigurationArgs, overrides).Build();
        await using (app)
        {
            // The index is opened first: a data folder another process writes is refused here, in one line.
            _ = app.Services.GetRequiredService<ISearchIndex>();
            app.MapEndpoints();
            app.MapDemoInstitution(institution, "/demo");
            await app.StartAsync(cancellationToken);

            var source = app.Services.GetRequiredService<SourceCatalog>().Find(SourceKey)!;
            Console.WriteLine($"Harvesting the demo institution ({options.Manifests} manifests) from {institution.StreamUri} ...");
            var result = await app.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(source, cancellationToken);
            var c = result.Counts;
            Console.WriteLine(result.Refused is not null
                ? $"Not harvested now: {result.Refused}"
                : result.SourceFailed
                ? $"The harvest failed: {string.Join("; ", result.Errors.Take(3))}"
                : $"Harvested: {c.Fetched} fetched, {c.Added} added, {c.Updated} updated, {c.Unchanged} unchanged, {c.Deleted} deleted, {c.Failed} failed, {c.Skipped} skipped in {(result.FinishedAt - result.StartedAt).TotalSeconds:F1} s");
            Console.WriteLine();
            Console.WriteLine("Try:");
            foreach (var line in UrlsToTry(url.TrimEnd('/'), institution))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine();
            Console.WriteLine("Serving until Ctrl+C.");
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    /// <summary>The URLs the demo prints, one per line: each answers with content.</summary>
    public static IEnumerable<string> UrlsToTry(string baseUrl, DemoInstitution institution)
    {
        var v3 = ResourceKey.For(institution.ManifestUri(1));
        var v2 = ResourceKey.For(institution.ManifestUri(2));
        var chinese = ResourceKey.For(institution.ManifestUri(4));
        yield return $"{baseUrl}/iiif/search/2/{v3}?q={DemoInstitution.MarkerWord(1)}";
        yield return $"{baseUrl}/iiif/search/1/{v2}?q={DemoInstitution.MarkerWord(2)}";
        yield return $"{baseUrl}/iiif/search/1/{v3}/autocomplete?q=cha";
        yield return $"{baseUrl}/iiif/search/2/{chinese}?q={Uri.EscapeDataString("明月")}";
        yield return $"{baseUrl}/iiif/search/2/all?q=charter";
        yield return $"{baseUrl}/iiif/manifests/{v3}";
        yield return $"{baseUrl}/api/resources?uri={Uri.EscapeDataString(institution.ManifestUri(1))}";
        yield return $"{baseUrl}/iiif/catalog?q=charter";
        yield return $"{baseUrl}/iiif/discovery/changes";
        yield return $"{baseUrl}/iiif/image/{ResourceKey.ForImageService(institution.ImageServiceUri(0))}/info.json";
        yield return $"{baseUrl}/admin/status";
        yield return $"{institution.StreamUri}";
    }

    private static string ListenUrl(IReadOnlyList<string> rest)
    {
        string? given = null;
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i] == "--urls" && i + 1 < rest.Count)
            {
                given = rest[i + 1];
            }
            else if (rest[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                given = rest[i]["--urls=".Length..];
            }
        }

        given ??= Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var first = given?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("*", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return $"http://127.0.0.1:{FreePort()}";
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{(uri.Port == 0 ? FreePort() : uri.Port)}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
