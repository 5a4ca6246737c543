using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Search;

/// <summary>The media types of IIIF answers.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string JsonLd = "application/ld+json";
    public const string Search1Context = "http://iiif.io/api/search/1/context.json";
    public const string Search2Context = "http://iiif.io/api/search/2/context.json";
    public const string Presentation2Context = "http://iiif.io/api/presentation/2/context.json";
    public const string Presentation3Context = "http://iiif.io/api/presentation/3/context.json";

    /// <summary>Search 2.0 and Presentation 3.0: JSON-LD with the context as profile (Search 2.0 §4, Presentation 3.0 §6).</summary>
    public static string JsonLdWithProfile(string context) => $"{JsonLd};profile=\"{context}\"";

    /// <summary>
    /// Presentation 3.0 (§6.1), Search 2.0 (§4) and Change Discovery 1.0 (§4.1): JSON-LD with the context as
    /// profile, unless the client asks for plain <c>application/json</c> (and not JSON-LD), which it then gets.
    /// </summary>
    public static string JsonLdUnlessJson(HttpRequest request, string context) => JsonLdUnlessJson(request.Headers.Accept.ToString(), context);

    /// <inheritdoc cref="JsonLdUnlessJson(HttpRequest, string)"/>
    public static string JsonLdUnlessJson(string? accept, string context)
    {
        accept ??= string.Empty;
        return accept.Contains(Json, StringComparison.OrdinalIgnoreCase) && !accept.Contains(JsonLd, StringComparison.OrdinalIgnoreCase)
            ? Json
            : JsonLdWithProfile(context);
    }

    /// <summary>
    /// Search 1.0 and Presentation 2.1 answers are <c>application/json</c> unless the client asks for JSON-LD
    /// (Presentation 2.1 §7.1), which it then gets with the context as profile.
    /// </summary>
    public static string Negotiated(HttpRequest request, string context) => Negotiated(request.Headers.Accept.ToString(), context);

    /// <inheritdoc cref="Negotiated(HttpRequest, string)"/>
    public static string Negotiated(string? accept, string context) =>
        accept?.Contains(JsonLd, StringComparison.OrdinalIgnoreCase) == true ? JsonLdWithProfile(context) : Json;
}
