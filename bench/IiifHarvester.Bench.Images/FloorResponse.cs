using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Bench.Images;

/// <summary>Fixed bytes and headers, set once by a POST and answered from memory.</summary>
internal sealed class FloorResponse
{
    private byte[] _body = [];
    private KeyValuePair<string, string>[] _headers = [];

    public async Task<IResult> SetAsync(HttpRequest request)
    {
        using var ms = new MemoryStream();
        await request.Body.CopyToAsync(ms, request.HttpContext.RequestAborted);
        _headers = [.. request.Headers
            .Where(h => h.Key.StartsWith(ProxyServer.EchoPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key[ProxyServer.EchoPrefix.Length..], h.Value.ToString()))];
        _body = ms.ToArray();
        return Results.Ok();
    }

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        foreach (var (name, value) in _headers)
        {
            response.Headers[name] = value;
        }

        response.ContentType = "image/jpeg";
        response.ContentLength = _body.Length;
        return response.Body.WriteAsync(_body, context.RequestAborted).AsTask();
    }
}
