using System.Diagnostics;
using IiifHarvester.Harvesting.Pipeline;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

public sealed class LeaseHolderTests
{
    [Fact]
    public async Task HolderDiedOnThisHost_ProcessOfThisHostThatExited_IsTrue()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();

        Assert.True(RunLease.HolderDiedOnThisHost($"{Environment.MachineName}/{gone.Id}/0123abcd"));
    }

    [Fact]
    public void HolderDiedOnThisHost_ProcessOfThisHostStillRunning_IsFalse()
    {
        using var alive = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.False(RunLease.HolderDiedOnThisHost($"{Environment.MachineName}/{alive.Id}/0123abcd"));
        }
        finally
        {
            alive.Kill();
        }
    }

    [Fact]
    public void HolderDiedOnThisHost_ThisProcessOrAnotherHostOrAnUnknownShape_IsFalse()
    {
        Assert.False(RunLease.HolderDiedOnThisHost(RunLease.NewOwner()));
        Assert.False(RunLease.HolderDiedOnThisHost($"another-host-{Environment.MachineName}/1/0123abcd"));
        Assert.False(RunLease.HolderDiedOnThisHost("not a holder"));
    }
}
