using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace IiifHarvester.Sources;

/// <summary>
/// Reads the <c>Sources</c> configuration section and validates every source, gathering every error of each
/// rather than stopping at the first, so one bad institution is reported with all that is wrong with it while
/// the others run.
/// </summary>
public static partial class SourceCatalogLoader
{
    /// <summary>The configuration section that holds one child per source.</summary>
    public const string Section = "Sources";

    private static readonly HashSet<string> KnownSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "Name", "Enabled", "Streams", "Collections", "Manifests", "Schedule", "RequestsPerSecond", "MaxConcurrency",
        "CrawlDelay", "RespectRobotsTxt", "AllowPrivateNetworks", "Headers", "FetchOcr", "ReconcileEvery",
        "StreamOverlap", "CacheAuthImages", "ProxyImages",
    };

    /// <summary>The default schedule: every 30 minutes.</summary>
    public const string DefaultSchedule = "0 0/30 * * * ?";

    /// <summary>Loads and validates the sources under <paramref name="configuration"/>'s <c>Sources</c> section.</summary>
    public static SourceCatalog Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = new List<SourceDefinition>();
        var problems = new List<SourceProblem>();
        foreach (var section in configuration.GetSection(Section).GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var errors = new List<string>();
            var source = Read(section, errors);
            if (errors.Count > 0)
            {
                problems.Add(new SourceProblem(section.Key, errors));
            }
            else if (source is not null)
            {
                sources.Add(source);
            }
        }

        return new SourceCatalog(sources, problems);
    }

    private static SourceDefinition? Read(IConfigurationSection section, List<string> errors)
    {
        var key = section.Key;
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add($"the key '{key}' must be 1 to 64 lowercase letters, digits or dashes");
        }

        foreach (var child in section.GetChildren())
        {
            if (!KnownSettings.Contains(child.Key))
            {
                errors.Add($"unknown setting '{child.Key}' (known: {string.Join(", ", KnownSettings.Order(StringComparer.Ordinal))})");
            }
        }

        if (!Bool(section, "Enabled", true, errors))
        {
            return null;
        }

        var streams = Uris(section, "Streams", errors);
        var collections = Uris(section, "Collections", errors);
        var manifests = Uris(section, "Manifests", errors);
        if (streams.Count + collections.Count + manifests.Count == 0)
        {
            errors.Add("no Streams, Collections or Manifests to harvest");
        }

        var schedule = section["Schedule"] ?? DefaultSchedule;
        if (!CronExpression.TryParse(schedule, out _))
        {
            errors.Add($"Schedule '{schedule}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '{DefaultSchedule}')");
        }

        var rate = Number(section, "RequestsPerSecond", 2, errors);
        if (rate is <= 0 or > 100_000)
        {
            errors.Add($"RequestsPerSecond must be above 0 and at most 100000, not {rate}");
        }

        var concurrency = (int)Number(section, "MaxConcurrency", 4, errors);
        if (concurrency is < 1 or > 256)
        {
            errors.Add($"MaxConcurrency must be from 1 to 256, not {concurrency}");
        }

        var headers = section.GetSection("Headers").GetChildren().ToDictionary(h => h.Key, h => h.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return new SourceDefinition
        {
            Key = key,
            Name = section["Name"] ?? key,
            Streams = streams,
            Collections = collections,
            Manifests = manifests,
            Schedule = schedule,
            RequestsPerSecond = rate,
            MaxConcurrency = concurrency,
            CrawlDelay = Duration(section, "CrawlDelay", null, errors),
            RespectRobotsTxt = Bool(section, "RespectRobotsTxt", true, errors),
            AllowPrivateNetworks = Bool(section, "AllowPrivateNetworks", false, errors),
            Headers = headers,
            FetchOcr = Bool(section, "FetchOcr", true, errors),
            ReconcileEvery = Duration(section, "ReconcileEvery", TimeSpan.FromDays(7), errors)!.Value,
            StreamOverlap = Duration(section, "StreamOverlap", TimeSpan.FromHours(1), errors)!.Value,
            CacheAuthImages = Bool(section, "CacheAuthImages", false, errors),
            ProxyImages = Bool(section, "ProxyImages", false, errors),
        };
    }

    private static List<Uri> Uris(IConfigurationSection section, string name, List<string> errors)
    {
        var child = section.GetSection(name);
        var values = child.Value is { } single ? [single] : child.GetChildren().Select(c => c.Value ?? string.Empty).ToList();
        var uris = new List<Uri>();
        foreach (var value in values)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host))
            {
                uris.Add(uri);
            }
            else
            {
                errors.Add($"{name}: '{value}' is not an absolute http or https URL");
            }
        }

        return uris;
    }

    private static bool Bool(IConfigurationSection section, string name, bool fallback, List<string> errors)
    {
        var value = section[name];
        if (value is null)
        {
            return fallback;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        errors.Add($"{name}: '{value}' is not true or false");
        return fallback;
    }

    private static double Number(IConfigurationSection section, string name, double fallback, List<string> errors)
    {
        var value = section[name];
        if (value is null)
        {
            return fallback;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        errors.Add($"{name}: '{value}' is not a number");
        return fallback;
    }

    private static TimeSpan? Duration(IConfigurationSection section, string name, TimeSpan? fallback, List<string> errors)
    {
        var value = section[name];
        if (value is null)
        {
            return fallback;
        }

        // A bare number is seconds; otherwise .NET's [d.]hh:mm:ss.
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        errors.Add($"{name}: '{value}' is not a duration (seconds, or d.hh:mm:ss)");
        return fallback;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();
}
