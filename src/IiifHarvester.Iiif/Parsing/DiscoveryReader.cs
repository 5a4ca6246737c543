using System.Text.Json;
using IiifHarvester.Iiif.Discovery;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Reads Change Discovery 1.0 collections, pages and activities; unknown properties are ignored (§2).</summary>
internal static class DiscoveryReader
{
    public static ActivityStreamCollection ReadCollection(JsonElement root, ReadContext context) => new()
    {
        Id = context.DocumentId,
        Contexts = context.Contexts,
        First = Link(root, "first", context),
        Last = Link(root, "last", context),
        TotalItems = Json.Int(root, "totalItems"),
    };

    public static ActivityStreamPage ReadPage(JsonElement root, ReadContext context)
    {
        var activities = new List<Activity>();
        if (Json.TryGet(root, out var items, "orderedItems", "items"))
        {
            foreach (var item in Json.Many(items))
            {
                var raw = Json.Type(item);
                var type = Enum.TryParse<ActivityType>(raw, ignoreCase: false, out var t) && t != ActivityType.Unknown ? t : ActivityType.Unknown;
                var obj = Object(item, "object", context);
                if (obj is null && type != ActivityType.Refresh)
                {
                    context.Warnings.Add($"$.orderedItems: a {raw} activity without an object id was skipped");
                    continue;
                }

                activities.Add(new Activity
                {
                    Id = Json.Id(item),
                    Type = type,
                    RawType = raw,
                    Object = obj,
                    Target = Object(item, "target", context),
                    Origin = Object(item, "origin", context),
                    EndTime = Json.Date(item, "endTime"),
                    StartTime = Json.Date(item, "startTime"),
                    Summary = Json.String(item, "summary"),
                });
            }
        }

        return new ActivityStreamPage
        {
            Id = context.DocumentId,
            Contexts = context.Contexts,
            PartOf = Link(root, "partOf", context),
            Prev = Link(root, "prev", context),
            Next = Link(root, "next", context),
            StartIndex = Json.Int(root, "startIndex"),
            Activities = activities,
        };
    }

    private static string? Link(JsonElement root, string name, ReadContext context) =>
        Json.TryGet(root, out var node, name) && Json.Id(node) is { } id ? context.Resolve(id) : null;

    private static ActivityObject? Object(JsonElement item, string name, ReadContext context) =>
        Json.TryGet(item, out var node, name) && Json.Id(node) is { } id
            ? new ActivityObject { Id = context.Resolve(id), Type = Json.Type(node), Canonical = Json.String(node, "canonical") }
            : null;
}
