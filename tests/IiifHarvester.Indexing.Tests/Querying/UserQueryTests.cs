using IiifHarvester.Indexing.Querying;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Querying;

public sealed class UserQueryTests
{
    [Fact]
    public void TryParse_WordsAndPhrases_SplitsInOrder()
    {
        Assert.True(UserQuery.TryParse("bird \"in the hand\" bush", 256, 16, out var query, out _));

        Assert.Equal(
            [new QueryPart("bird", false), new QueryPart("in the hand", true), new QueryPart("bush", false)],
            query.Parts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("\"unbalanced")]
    [InlineData("\"\"")]
    public void TryParse_BadQuery_FailsWithMessage(string? text)
    {
        Assert.False(UserQuery.TryParse(text, 256, 16, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_TooLong_Fails()
    {
        Assert.False(UserQuery.TryParse(new string('a', 10_000), 256, 16, out _, out var error));
        Assert.Contains("256", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooManyWords_Fails()
    {
        Assert.False(UserQuery.TryParse(string.Join(' ', Enumerable.Repeat("w", 17)), 256, 16, out _, out _));
    }
}
