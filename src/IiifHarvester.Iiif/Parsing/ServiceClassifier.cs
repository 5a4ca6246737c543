using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Tells what a service is from its type (v3 and Auth 2), profile (v2, Search 0.9/1.0, Auth 0/1) or context
/// (v2 Image API), since publishers give any one of the three.
/// </summary>
internal static class ServiceClassifier
{
    public static ServiceKind Classify(ServiceReference service) => Classify(service.Type, service.Profile, service.Context);

    public static ServiceKind Classify(string? serviceType, string? serviceProfile, string? serviceContext)
    {
        var type = Json.Bare(serviceType);
        if (type is not null)
        {
            if (type.StartsWith("ImageService", StringComparison.Ordinal))
            {
                return ServiceKind.Image;
            }

            if (type.StartsWith("SearchService", StringComparison.Ordinal))
            {
                return ServiceKind.Search;
            }

            if (type.StartsWith("AutoCompleteService", StringComparison.OrdinalIgnoreCase))
            {
                return ServiceKind.Autocomplete;
            }

            if (type.StartsWith("Auth", StringComparison.Ordinal))
            {
                return ServiceKind.Auth;
            }
        }

        var profile = serviceProfile ?? string.Empty;
        var context = serviceContext ?? string.Empty;
        if (profile.Contains("/search/", StringComparison.Ordinal) || context.Contains("/search/", StringComparison.Ordinal))
        {
            return profile.EndsWith("autocomplete", StringComparison.Ordinal) ? ServiceKind.Autocomplete
                : profile.EndsWith("search", StringComparison.Ordinal) || profile.Length == 0 ? ServiceKind.Search
                : ServiceKind.Other;
        }

        if (profile.Contains("/auth/", StringComparison.Ordinal) || context.Contains("/auth/", StringComparison.Ordinal))
        {
            return ServiceKind.Auth;
        }

        if (context.Contains("/image/", StringComparison.Ordinal) || context.Contains("image-api", StringComparison.Ordinal)
            || profile.Contains("/image/", StringComparison.Ordinal) || profile.Contains("image-api", StringComparison.Ordinal)
            || profile is "level0" or "level1" or "level2")
        {
            return ServiceKind.Image;
        }

        return ServiceKind.Other;
    }
}
