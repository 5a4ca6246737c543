using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.TestUtilities.Corpus;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>What the harvest records as a collection's members, over real collections from the shared corpus.</summary>
public sealed class CollectionListingsTests
{
    [Theory]
    [InlineData(
        "collections/manifesto__members-collection.json",
        "https://hydra-dev.princeton.edu/concern/scanned_resources/jw827b826/manifest",
        "https://hydra-dev.princeton.edu/concern/multi_volume_works/xg94hp755/manifest")]
    [InlineData("collections/manifesto__nested-middle.json", "http://localhost:3001/nested-bottom.json")]
    public void Of_ARealCollection_ListsEachAbsoluteMemberOnce(string file, params string[] expected)
    {
        var uri = CorpusFiles.UriOf(file);
        var collection = Assert.IsType<PresentationResource>(IiifParser.Parse(CorpusFiles.Read(file), new IiifParserOptions { DocumentUri = uri }).Document);

        var listing = CollectionListings.Of(uri, uri, "corpus", collection);

        Assert.Equal(expected, listing.Members);
        Assert.Equal(uri, listing.CollectionUri);
    }
}
