namespace IiifHarvester.Web.Home;

/// <summary>A part of <see cref="Readiness"/> whose writes fail: since when, the last failure, and why (admin view only).</summary>
internal sealed record ReadinessFailure(DateTimeOffset Since, DateTimeOffset LastAt, string? Reason);
