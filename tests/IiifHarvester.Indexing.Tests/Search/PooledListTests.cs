using IiifHarvester.Indexing.Search;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class PooledListTests
{
    [Fact]
    public void Add_PastSeveralGrowths_KeepsEveryValueInOrder()
    {
        using var list = new PooledList<int>();
        for (var i = 0; i < 100_000; i++)
        {
            list.Add(i * 3);
        }

        Assert.Equal(100_000, list.Count);
        Assert.Equal(0, list[0]);
        Assert.Equal(299_997, list[99_999]);
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => i * 3), list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[100_000]);
    }

    [Fact]
    public void BinarySearch_AscendingValues_FindsPresentAndNotAbsent()
    {
        using var list = new PooledList<int>();
        foreach (var value in new[] { 2, 5, 9, 40 })
        {
            list.Add(value);
        }

        Assert.Equal(2, list.BinarySearch(9));
        Assert.True(list.BinarySearch(10) < 0);

        // Only the values added count, not what the rented array holds past them.
        Assert.True(list.BinarySearch(0) < 0);
    }

    [Fact]
    public void Dispose_GivesBackAndEmpties()
    {
        var list = new PooledList<float>();
        list.Add(1.5f);

        list.Dispose();

        Assert.Empty(list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[0]);
    }
}
