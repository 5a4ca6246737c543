using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Tests.Model;

public sealed class LanguageMapTests
{
    [Fact]
    public void FromString_OneValue_ReadsAsAOneEntryDictionary()
    {
        var map = LanguageMap.FromString("Title");

        Assert.False(map.IsEmpty);
        Assert.Equal([LanguageMap.None], map.Languages);
        Assert.Equal(["Title"], map.AllValues);
        Assert.Equal("Title", map.GetValue("fr"));
        Assert.True(map.Values.TryGetValue(LanguageMap.None, out var values));
        Assert.Equal(["Title"], values);
        Assert.Equal("Title", values[0]);
        Assert.Single(values);
        Assert.False(map.Values.TryGetValue("en", out _));
        Assert.False(map.Values.ContainsKey("en"));
        Assert.Throws<KeyNotFoundException>(() => map.Values["en"]);
        Assert.Equal([new KeyValuePair<string, IReadOnlyList<string>>(LanguageMap.None, values)], map.Values.ToList());
    }

    [Fact]
    public void FromString_OneValue_SerializesAsAV3LanguageMap()
    {
        var map = LanguageMap.FromString("Title");

        Assert.Equal("{\"none\":[\"Title\"]}", JsonSerializer.Serialize(map.Values));
        Assert.Equal("[\"Title\"]", JsonSerializer.Serialize(map.Values[LanguageMap.None]));
    }
}
