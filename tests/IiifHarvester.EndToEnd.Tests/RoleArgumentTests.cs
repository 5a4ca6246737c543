using IiifHarvester.Commands;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

public sealed class RoleArgumentTests
{
    [Theory]
    [InlineData("all")]
    [InlineData("harvest")]
    [InlineData("Search")]
    public void Serve_WithARole_PassesItToConfiguration(string role)
    {
        var parsed = CommandArguments.Parse(["serve", "--role", role, "--data", "d"]);

        Assert.Null(parsed.Error);
        Assert.Contains($"--Cluster:Role={role}", parsed.ConfigurationArgs);
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("1")]
    public void Serve_WithAnUnknownRole_IsRefused(string role)
    {
        var parsed = CommandArguments.Parse(["serve", "--role", role]);

        Assert.Equal("--role needs all, harvest or search", parsed.Error);
    }

    [Fact]
    public void Migrate_NeedsTheTargetConnectionString()
    {
        Assert.StartsWith("migrate needs --to", CommandArguments.Parse(["migrate", "--data", "d"]).Error, StringComparison.Ordinal);

        var parsed = CommandArguments.Parse(["migrate", "--data", "d", "--to", "Host=db;Database=iiif"]);

        Assert.Null(parsed.Error);
        Assert.Equal("Host=db;Database=iiif", parsed.Target);
    }
}
