namespace IiifHarvester.Images.Serving;

/// <summary>An info.json rewritten for one public id, with its ETag.</summary>
internal sealed record RewrittenInfo(byte[] Body, string ETag);
