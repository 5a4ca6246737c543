using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Robots;

/// <summary>What robots.txt says about one host: the rules, or why they could not be had.</summary>
/// <param name="Rules">The rules; null when robots.txt could not be had (then nothing may be fetched for a while, RFC 9309 §2.3.1.4).</param>
/// <param name="FailureStatus">When <paramref name="Rules"/> is null: what to report for requests to the host.</param>
/// <param name="Error">Why the rules are missing.</param>
internal sealed record RobotsVerdict(RobotsRules? Rules, FetchStatus FailureStatus, string? Error);
