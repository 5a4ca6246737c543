namespace IiifHarvester.Web.Images;

/// <summary>What a request for an image service's base URI (<c>{prefix}/{key}</c>) brings, bound once.</summary>
internal readonly record struct ImageBaseRequest(string Key, PublicUrls Urls);
