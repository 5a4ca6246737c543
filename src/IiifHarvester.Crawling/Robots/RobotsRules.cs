using System.Globalization;

namespace IiifHarvester.Crawling.Robots;

/// <summary>
/// The robots.txt rules that apply to our product token (RFC 9309): the groups naming it, else the <c>*</c> groups;
/// the longest matching rule wins and <c>allow</c> wins a tie (§2.2.2); <c>*</c> and <c>$</c> as in §2.2.3; plus the
/// widely used non-standard <c>Crawl-delay</c> of the chosen group.
/// </summary>
public sealed class RobotsRules
{
    private readonly List<(string Pattern, bool Allow)> _rules;

    private RobotsRules(List<(string Pattern, bool Allow)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    /// <summary>Rules that allow everything (no robots.txt, or a 4xx for it: RFC 9309 §2.3.1.3).</summary>
    public static RobotsRules AllowAll { get; } = new([], null);

    /// <summary>Rules that disallow everything.</summary>
    public static RobotsRules DisallowAll { get; } = new([("/", false)], null);

    /// <summary>The <c>Crawl-delay</c> of the chosen group, when given.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>Parses <paramref name="text"/> for <paramref name="productToken"/>.</summary>
    public static RobotsRules Parse(string text, string productToken)
    {
        var ours = new List<(string, bool)>();
        var any = new List<(string, bool)>();
        TimeSpan? oursDelay = null;
        TimeSpan? anyDelay = null;
        var sawOurs = false;
        var sawAny = false;

        var groupAgents = new List<string>();
        var inRules = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent" or "useragent")
            {
                if (inRules)
                {
                    groupAgents.Clear();
                    inRules = false;
                }

                groupAgents.Add(value.ToLowerInvariant());
                continue;
            }

            if (groupAgents.Count == 0)
            {
                continue;
            }

            inRules = true;
            var isOurs = groupAgents.Exists(a => a.Length > 0 && a != "*" && productToken.StartsWith(a, StringComparison.OrdinalIgnoreCase));
            var isAny = groupAgents.Contains("*");
            sawOurs |= isOurs;
            sawAny |= isAny;
            switch (key)
            {
                case "allow" or "disallow":
                    // An empty disallow allows everything; it adds no rule.
                    if (value.Length > 0)
                    {
                        var rule = (value, key == "allow");
                        if (isOurs)
                        {
                            ours.Add(rule);
                        }
                        else if (isAny)
                        {
                            any.Add(rule);
                        }
                    }

                    break;
                case "crawl-delay":
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < 86_400)
                    {
                        if (isOurs)
                        {
                            oursDelay = TimeSpan.FromSeconds(seconds);
                        }
                        else if (isAny)
                        {
                            anyDelay = TimeSpan.FromSeconds(seconds);
                        }
                    }

                    break;
            }
        }

        return sawOurs ? new RobotsRules(ours, oursDelay) : sawAny ? new RobotsRules(any, anyDelay) : AllowAll;
    }

    /// <summary>Whether the path and query of <paramref name="uri"/> may be fetched.</summary>
    public bool IsAllowed(Uri uri)
    {
        var path = uri.AbsolutePath == "/robots.txt" ? null : uri.PathAndQuery;
        if (path is null || _rules.Count == 0)
        {
            return true;
        }

        var bestLength = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (pattern.Length >= bestLength && Matches(pattern, path) && (pattern.Length > bestLength || allow))
            {
                bestLength = pattern.Length;
                allowed = allow;
            }
        }

        return allowed;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        return Match(body, 0, path, 0, anchored);
    }

    private static bool Match(string pattern, int p, string path, int s, bool anchored)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                // Collapse runs of '*' and try every split; patterns are short, so the backtracking stays small.
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                if (p == pattern.Length)
                {
                    return true;
                }

                for (var k = s; k <= path.Length; k++)
                {
                    if (Match(pattern, p, path, k, anchored))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s >= path.Length || pattern[p] != path[s])
            {
                return false;
            }

            p++;
            s++;
        }

        return !anchored || s == path.Length;
    }
}
