using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Images;

/// <summary>What to purge (<c>?key=K | source=S | all=true</c>), bound once; the first given wins, in that order.</summary>
internal readonly record struct PurgeRequest(
    [FromQuery(Name = "key")] string? Key,
    [FromQuery(Name = "source")] string? Source,
    [FromQuery(Name = "all")] string? All);
