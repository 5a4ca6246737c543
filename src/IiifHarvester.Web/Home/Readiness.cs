namespace IiifHarvester.Web.Home;

/// <summary>
/// The body of <c>/healthz/ready</c>: <c>ready</c>, <c>writes failing</c> or <c>catching up</c>; the lag while a
/// search node catches up; each failing write part since when (the reason with the admin key).
/// </summary>
internal sealed record Readiness(string Status, long? Lag, Dictionary<string, ReadinessFailure> Failing);
