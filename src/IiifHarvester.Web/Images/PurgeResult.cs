namespace IiifHarvester.Web.Images;

/// <summary>The purge endpoint's answer.</summary>
public sealed record PurgeResult(int Removed, string Scope);
