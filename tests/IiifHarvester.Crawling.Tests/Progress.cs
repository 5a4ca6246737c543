using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Crawling.Tests;

/// <summary>
/// Waits on what a test server has seen rather than on the wall clock. Paired with the fake clock, a test steps time
/// and then waits for the requests that step allows, however fast or loaded the machine is.
/// </summary>
internal static class Progress
{
    /// <summary>Waits (up to ten seconds) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), $"never saw {what}");
    }

    /// <summary>
    /// Asserts that <paramref name="count"/> stays at <paramref name="expected"/> while the fake clock stands still: a real
    /// pause gives a request the pace does not allow the time to land, and no passing run depends on its length.
    /// </summary>
    public static async Task StaysAsync(Func<int> count, int expected, string what)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(150));
        Assert.True(count() == expected, $"{what}: {count()} where the clock allows {expected}");
    }

    /// <summary>Manifest requests that reached <paramref name="institution"/>.</summary>
    public static int Manifests(WireMockInstitution institution) =>
        institution.Server.LogEntries.Count(e => e.RequestMessage!.Path.StartsWith("/manifests/", StringComparison.Ordinal));
}
