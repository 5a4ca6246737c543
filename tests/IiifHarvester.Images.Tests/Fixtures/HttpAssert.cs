using System.Net;
using Xunit;

namespace IiifHarvester.Images.Tests.Fixtures;

public static class HttpAssert
{
    /// <summary>GETs and asserts success, showing the error body otherwise.</summary>
    public static async Task<byte[]> GetOkAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }

    /// <summary>GETs and returns the status and text body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetStatusAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
