using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Iiif.Search;

namespace IiifHarvester.Iiif.Tests.Parsing;

public sealed class DiscoveryParsingTests
{
    [Fact]
    public void Parse_PageAsSeenInTheWild_IsReadTolerantly()
    {
        const string json = """
            {"@context":"http://iiif.io/api/discovery/0/context.json","id":"https://e.org/page-1","type":"OrderedCollectionPage",
             "startIndex":1,"partOf":[{"id":"https://e.org/all","type":"OrderedCollection"}],"previous":{"id":"https://e.org/page-0"},
             "unknownProperty":{"ignored":true},
             "items":[
               {"type":"Update","object":{"id":"https://e.org/m1"},"published":"2021-02-03T04:05:06Z"},
               {"type":"Move","object":{"id":"https://e.org/m2","type":"Manifest"},"target":{"id":"https://e.org/m3","type":"Manifest"},"endTime":"2021-02-04T00:00:00Z"},
               {"type":"Refresh","startTime":"2021-02-05T00:00:00Z"},
               {"type":"Like","object":{"id":"https://e.org/m4"}},
               {"type":"Delete"}]}
            """;

        var outcome = IiifParser.Parse(json);
        var page = (ActivityStreamPage)outcome.Document!;

        Assert.Equal(1, page.StartIndex);
        Assert.Equal("https://e.org/all", page.PartOf);
        Assert.Equal("https://e.org/page-0", page.Prev);
        Assert.Equal([ActivityType.Update, ActivityType.Move, ActivityType.Refresh, ActivityType.Unknown], page.Activities.Select(a => a.Type));
        Assert.Null(page.Activities[0].Object!.Type);
        Assert.Equal(new DateTimeOffset(2021, 2, 3, 4, 5, 6, TimeSpan.Zero), page.Activities[0].EndTime);
        Assert.Equal("https://e.org/m3", page.Activities[1].Target!.Id);
        Assert.Null(page.Activities[2].EndTime);
        Assert.Contains(outcome.Warnings, w => w.Contains("without an object id was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CollectionThatListsItsActivitiesWithoutPages_IsReadAsItsOnePage()
    {
        // As some producers publish a small stream (an endTime of null where the time is unknown).
        const string json = """
            {"@context":["http://iiif.io/api/discovery/1/context.json","https://www.w3.org/ns/activitystreams"],
             "id":"https://e.org/org/a/activity","type":"OrderedCollection","totalItems":2,
             "orderedItems":[
               {"type":"Update","object":{"id":"https://e.org/m1","type":"Manifest"},"endTime":null},
               {"type":"Update","object":{"id":"https://e.org/m2","type":"Manifest"},"endTime":"2024-05-01T12:00:00.123456"}]}
            """;

        var outcome = IiifParser.Parse(json);

        var page = Assert.IsType<ActivityStreamPage>(outcome.Document);
        Assert.Equal("https://e.org/org/a/activity", page.Id);
        Assert.Null(page.Prev);
        Assert.Equal(["https://e.org/m1", "https://e.org/m2"], page.Activities.Select(a => a.Object!.Id));
        Assert.Null(page.Activities[0].EndTime);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), page.Activities[1].EndTime);
        Assert.Contains(outcome.Warnings, w => w.Contains("lists its activities itself, without pages", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CollectionWithPagesAndItems_IsReadAsTheCollection()
    {
        const string json = """
            {"@context":"http://iiif.io/api/discovery/1/context.json","id":"https://e.org/all","type":"OrderedCollection",
             "last":{"id":"https://e.org/page-3","type":"OrderedCollectionPage"},
             "orderedItems":[{"type":"Update","object":{"id":"https://e.org/m1","type":"Manifest"}}]}
            """;

        var collection = Assert.IsType<ActivityStreamCollection>(IiifParser.Parse(json).Document);

        Assert.Equal("https://e.org/page-3", collection.Last);
    }

    [Fact]
    public void Parse_AutocompleteResponses_BecomeTermLists()
    {
        var v1 = (TermList)IiifParser.Parse("""{"@context":"http://iiif.io/api/search/1/context.json","@id":"https://e.org/ac?q=bir","@type":"search:TermList","ignored":["user"],"terms":[{"match":"bird","url":"https://e.org/s?q=bird","count":15}]}""").Document!;
        var v2 = (TermList)IiifParser.Parse("""{"@context":"http://iiif.io/api/search/2/context.json","id":"https://e.org/ac?q=bir","type":"TermPage","items":[{"value":"bird","total":3,"label":{"en":["bird"]},"language":"eng"}]}""").Document!;

        Assert.Equal(("bird", "https://e.org/s?q=bird", (int?)15), (v1.Terms[0].Value, v1.Terms[0].SearchUrl, v1.Terms[0].Count));
        Assert.Equal(["user"], v1.Ignored);
        Assert.Equal(("bird", (int?)3, "en"), (v2.Terms[0].Value, v2.Terms[0].Count, v2.Terms[0].Language));
    }
}
