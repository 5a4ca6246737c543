using System.Text.Json;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// The gen0 budget floor that keeps searches out of collections while a harvest allocates: the runtime reads it only
/// from the environment, so the launch profiles set it and the host says at start which budget it runs with.
/// </summary>
public sealed class GarbageCollectionTests : IDisposable
{
    private const string ReportCategory = "--Logging:LogLevel:IiifHarvester.GarbageCollectionReport=Information";
    private readonly TempDirectory _data = new("iiifh-gc");

    [Theory]
    [InlineData("0x10000000", 268435456L)]
    [InlineData("10000000", 268435456L)]
    [InlineData(" 0X4000000 ", 67108864L)]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("256M", null)]
    [InlineData(null, null)]
    public void Gen0Budget_ReadsTheVariableAsHexadecimalBytesAsTheRuntimeDoes(string? value, long? bytes) =>
        Assert.Equal(bytes, GarbageCollectionReport.Gen0Budget(value));

    [Theory]
    [InlineData("src/IiifHarvester")]
    [InlineData("bench/IiifHarvester.Bench.Search")]
    [InlineData("bench/IiifHarvester.Bench.Harvest")]
    public void LaunchProfile_SetsTheRecommendedGen0Budget(string project)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, project, "Properties", "launchSettings.json")));
        var profiles = settings.RootElement.GetProperty("profiles").EnumerateObject().ToList();
        Assert.NotEmpty(profiles);
        Assert.All(profiles, profile => Assert.Equal(
            GarbageCollectionReport.RecommendedGen0Size,
            profile.Value.GetProperty("environmentVariables").GetProperty(GarbageCollectionReport.Gen0SizeVariable).GetString()));
    }

    [Fact]
    public async Task Serve_WithTheVariable_LogsTheBudgetItRunsWith()
    {
        using var serve = await ServeProcess.StartAsync(
            _data.Path, new Dictionary<string, string?> { [GarbageCollectionReport.Gen0SizeVariable] = "0x8000000" }, ReportCategory);

        await serve.WaitForAsync(() => Task.FromResult(serve.Host.Output.Contains("gen0 budget at least 128 MiB", StringComparison.Ordinal)), "the collector's report");
        Assert.Contains("Garbage collector: server", serve.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("the runtime's own gen0 budget", serve.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithoutTheVariable_SaysWhatToSet()
    {
        using var serve = await ServeProcess.StartAsync(
            _data.Path, new Dictionary<string, string?> { [GarbageCollectionReport.Gen0SizeVariable] = null }, ReportCategory);

        await serve.WaitForAsync(
            () => Task.FromResult(serve.Host.Output.Contains($"{GarbageCollectionReport.Gen0SizeVariable}={GarbageCollectionReport.RecommendedGen0Size}", StringComparison.Ordinal)),
            "the collector's report");
        Assert.Contains("the runtime's own gen0 budget", serve.Host.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
