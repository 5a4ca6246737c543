using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Tests.Parsing;

public sealed class TimeRangeTests
{
    [Theory]
    [InlineData("t=702.0,705.0", 702.0, 705.0)]
    [InlineData("t=10", 10.0, null)]
    [InlineData("t=,20", 0.0, 20.0)]
    [InlineData("t=npt:10,20", 10.0, 20.0)]
    [InlineData("t=npt:1:02.5,1:01:00", 62.5, 3660.0)]
    [InlineData("xywh=0,0,5,5&t=3,4", 3.0, 4.0)]
    [InlineData("t=3,4&xywh=0,0,5,5", 3.0, 4.0)]
    public void Parse_NormalPlayTime_GivesSeconds(string fragment, double start, double? end) =>
        Assert.Equal(new TimeRange(start, end), TimeRange.Parse(fragment));

    [Theory]
    [InlineData("")]
    [InlineData("xywh=0,0,5,5")]
    [InlineData("t=")]
    [InlineData("t=20,10")]
    [InlineData("t=smpte:00:00:01:00")]
    [InlineData("t=clock:2011-10-01T23:00:00Z")]
    [InlineData("t=-5,10")]
    [InlineData("t=1e3")]
    [InlineData("t=1:2:3:4")]
    [InlineData("t=99999999999")]
    public void Parse_NoTimeOrNotNormalPlayTime_GivesNull(string fragment) =>
        Assert.Null(TimeRange.Parse(fragment));

    [Theory]
    [InlineData(702.0, 705.0, "t=702,705")]
    [InlineData(61.5, null, "t=61.5")]
    [InlineData(1.23456, 2.0, "t=1.235,2")]
    [InlineData(999999999.999, 1e9, "t=999999999.999,1000000000")]
    public void ToString_WritesTheFragmentToTheMillisecond(double start, double? end, string expected) =>
        Assert.Equal(expected, new TimeRange(start, end).ToString());

    [Fact]
    public void Union_OfTwoLines_SpansBoth_AndStaysOpenWhenEitherIs()
    {
        Assert.Equal(new TimeRange(3, 9), new TimeRange(5, 9).Union(new TimeRange(3, 4)));
        Assert.Equal(new TimeRange(3, null), new TimeRange(5, 9).Union(new TimeRange(3, null)));
    }
}
