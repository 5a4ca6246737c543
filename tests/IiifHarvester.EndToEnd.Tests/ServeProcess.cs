using System.Net;
using System.Text.Json;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>A <c>serve</c> host run as a real process on 127.0.0.1, with its admin key, and the calls tests make to it.</summary>
internal sealed class ServeProcess : IDisposable
{
    private const string AdminKey = "serve-process-test-key";
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ServeProcess(HostProcess host, string url)
    {
        Host = host;
        Url = url;
    }

    /// <summary>The process.</summary>
    public HostProcess Host { get; }

    /// <summary>Its base URL.</summary>
    public string Url { get; }

    /// <summary>Starts <c>serve</c> on <paramref name="data"/> with <paramref name="args"/> and waits until it answers.</summary>
    public static Task<ServeProcess> StartAsync(string data, params string[] args) => StartAsync(data, new Dictionary<string, string?>(), args);

    /// <summary>Starts <c>serve</c> as <see cref="StartAsync(string, string[])"/> does, with <paramref name="environment"/> set.</summary>
    public static async Task<ServeProcess> StartAsync(string data, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var url = $"http://127.0.0.1:{IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort()}";
        var serve = new ServeProcess(HostProcess.Start(data, environment, ["serve", "--data", data, "--urls", url, $"--Web:AdminKey={AdminKey}", .. args]), url);
        await serve.WaitForAsync(async () => (await serve._http.GetAsync($"{url}/healthz/live")).IsSuccessStatusCode, "serve to start");
        return serve;
    }

    /// <summary>GET <paramref name="path"/>'s status code.</summary>
    public async Task<HttpStatusCode> StatusCodeAsync(string path)
    {
        using var response = await _http.GetAsync(Url + path);
        return response.StatusCode;
    }

    /// <summary>Triggers a harvest of <paramref name="source"/> through the admin endpoint.</summary>
    public async Task TriggerAsync(string source)
    {
        using var trigger = new HttpRequestMessage(HttpMethod.Post, $"{Url}/admin/sources/{source}/harvest");
        trigger.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await _http.SendAsync(trigger);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary><paramref name="source"/>'s entry in the admin view of <c>/admin/status</c> (which must answer 200).</summary>
    public async Task<JsonElement> SourceStatusAsync(string source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Url}/admin/status");
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return status.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("key").GetString() == source).Clone();
    }

    /// <summary>
    /// The last run of <paramref name="source"/> once one that started after <paramref name="after"/> (any, when null)
    /// has finished and none is running.
    /// </summary>
    public async Task<JsonElement> WaitForRunAsync(string source, DateTimeOffset? after = null)
    {
        JsonElement last = default;
        await WaitForAsync(async () =>
        {
            var status = await SourceStatusAsync(source);
            last = status.GetProperty("lastRun");
            return last.ValueKind == JsonValueKind.Object
                && status.GetProperty("running").ValueKind == JsonValueKind.Null
                && (after is null || last.GetProperty("startedAt").GetDateTimeOffset() > after);
        }, $"a run of '{source}' to finish");
        return last;
    }

    /// <summary>How many hits a Content Search 2.0 across everything gives for <paramref name="word"/>.</summary>
    public async Task<int> SearchHitsAsync(string word)
    {
        using var page = JsonDocument.Parse(await _http.GetStringAsync($"{Url}/iiif/search/2/all?q={word}"));
        return page.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : 0;
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds: progress-driven, the bound only stops a hung process from hanging
    /// the run. Fails at once if the process exits meanwhile.
    /// </summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            Assert.False(Host.HasExited, $"the host exited while waiting for {what}:\n{Host.Output}");
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"gave up waiting for {what}:\n{Host.Output}");
    }

    public void Dispose()
    {
        Host.Dispose();
        _http.Dispose();
    }
}
