using System.Text;
using System.Text.Json;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Parsing;

public sealed class JsonTreeTests
{
    [Fact]
    public void Parse_ObjectsThatRepeatANameAtAnyDepth_KeepTheLastValueAtTheFirstPlace()
    {
        var tree = JsonTree.Parse("""{"a":1,"b":{"c":"x","d":[{"e":1,"e":2}],"c":"y"},"a":3}"""u8)!;

        Assert.Equal("""{"a":3,"b":{"c":"y","d":[{"e":2}]}}""", tree.ToJsonString());
    }

    [Fact]
    public void Parse_Numbers_AreWrittenAsPublished()
    {
        var tree = JsonTree.Parse("""{"w":1.50,"big":123456789012345678901234567890,"n":null,"t":true}"""u8)!;

        Assert.Equal("""{"w":1.50,"big":123456789012345678901234567890,"n":null,"t":true}""", tree.ToJsonString());
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_OnlyWhereTheOptionsAllowThem()
    {
        var json = Encoding.UTF8.GetBytes("""{"a":[1,2,],/* note */"b":2,}""");
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

        Assert.Equal("""{"a":[1,2],"b":2}""", JsonTree.Parse(json, options)!.ToJsonString());
        Assert.ThrowsAny<JsonException>(() => JsonTree.Parse(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("{\"a\":1}}")]
    [InlineData("[[[[1]]]]")]
    public void Parse_NotOneJsonValueWithinTheDepth_ThrowsJsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonTree.Parse(Encoding.UTF8.GetBytes(json), new JsonDocumentOptions { MaxDepth = 3 }));
}
