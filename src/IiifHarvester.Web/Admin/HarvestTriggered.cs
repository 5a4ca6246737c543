namespace IiifHarvester.Web.Admin;

/// <summary>The body of a 202 for <c>POST /admin/sources/{key}/harvest</c>: <c>{"source": key, "triggered": true}</c>.</summary>
internal sealed record HarvestTriggered(string Source, bool Triggered);
