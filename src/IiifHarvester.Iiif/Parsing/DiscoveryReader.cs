using System.Text.Json;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads Change Discovery 1.0 collections, pages and activities. Unknown properties are ignored (§3), and what
/// real streams do is tolerated: no <c>endTime</c> (<c>published</c>/<c>created</c> stand in), no object
/// <c>type</c>, <c>previous</c> for <c>prev</c>, <c>items</c> for <c>orderedItems</c>, <c>partOf</c> as an array,
/// 1-based <c>startIndex</c> (kept as published), the 0.x context.
/// </summary>
internal static class DiscoveryReader
{
    private static readonly Dictionary<string, ActivityType> Types = new(StringComparer.Ordinal)
    {
        ["Create"] = ActivityType.Create,
        ["Update"] = ActivityType.Update,
        ["Delete"] = ActivityType.Delete,
        ["Move"] = ActivityType.Move,
        ["Add"] = ActivityType.Add,
        ["Remove"] = ActivityType.Remove,
        ["Refresh"] = ActivityType.Refresh,
    };

    /// <summary>Whether <paramref name="bareType"/> names an activity type.</summary>
    public static bool IsActivityType(string bareType) => Types.ContainsKey(bareType);

    /// <summary>
    /// A stream's OrderedCollection; one that lists its activities itself (<c>orderedItems</c>) and names neither a
    /// <c>first</c> nor a <c>last</c> page, as some producers publish a small stream, is read as its one page.
    /// </summary>
    public static IiifDocument ReadCollectionOrItsOnePage(JsonElement root, ReadContext context)
    {
        if (!root.TryGetProperty("first"u8, out _) && !root.TryGetProperty("last"u8, out _)
            && Json.TryGet(root, "orderedItems"u8, "items"u8, out var items) && items.ValueKind == JsonValueKind.Array)
        {
            context.Warn("unpaged-stream", "the OrderedCollection lists its activities itself, without pages (§3.1 asks for a last page); read as its one page");
            return ReadPage(root, context);
        }

        return ReadCollection(root, context);
    }

    public static ActivityStreamCollection ReadCollection(JsonElement root, ReadContext context)
    {
        var last = Link(root, "last"u8, context);
        if (last is null)
        {
            context.Warn("no-last", "the OrderedCollection has no last page (§3.1 requires one)");
        }

        return new ActivityStreamCollection
        {
            Id = context.DocumentId,
            Contexts = context.Contexts,
            First = Link(root, "first"u8, context),
            Last = last,
            TotalItems = Json.Long(root, "totalItems"u8),
            Rights = Json.String(root, "rights"u8),
            SeeAlso = LinkReader.Links(root, "seeAlso"u8, "seeAlso", context),
            PartOf = LinkReader.Links(root, "partOf"u8, "partOf", context),
        };
    }

    public static ActivityStreamPage ReadPage(JsonElement root, ReadContext context)
    {
        var activities = new List<Activity>();
        if (Json.TryGet(root, "orderedItems"u8, "items"u8, out var items))
        {
            var name = root.TryGetProperty("orderedItems"u8, out _) ? "orderedItems" : "items";
            activities.EnsureCapacity(Json.Count(items));
            var index = 0;
            foreach (var item in Json.Many(items))
            {
                using var scope = context.Enter(name, index++);
                if (ReadActivity(item, context) is { } activity)
                {
                    activities.Add(activity);
                }
            }
        }
        else
        {
            context.Warn("no-ordered-items", "the page has no orderedItems");
        }

        return new ActivityStreamPage
        {
            Id = context.DocumentId,
            Contexts = context.Contexts,
            PartOf = Link(root, "partOf"u8, context),
            Prev = Link(root, "prev"u8, context) ?? Link(root, "previous"u8, context),
            Next = Link(root, "next"u8, context),
            StartIndex = Json.Long(root, "startIndex"u8),
            Activities = activities,
        };
    }

    /// <summary>One activity; null (with a warning) when it is unusable: not an object, or no object id where one is needed.</summary>
    public static Activity? ReadActivity(JsonElement item, ReadContext context)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Warn("activity-not-object", "an activity is not an object; skipped");
            return null;
        }

        var raw = Json.Type(item);
        var type = raw is not null && Types.TryGetValue(Json.Bare(raw)!, out var t) ? t : ActivityType.Unknown;
        if (type == ActivityType.Unknown)
        {
            context.Warn("unknown-activity", $"an activity of type {raw ?? "(none)"} is not one we know; kept as Unknown");
        }

        var obj = Object(item, "object"u8, context);
        if (obj is null && type != ActivityType.Refresh)
        {
            context.Warn("activity-without-object", $"a {raw ?? "typeless"} activity without an object id was skipped");
            return null;
        }

        var endTime = Json.Date(item, "endTime"u8);
        if (endTime is null && (Json.Date(item, "published"u8) ?? Json.Date(item, "created"u8) ?? Json.Date(item, "updated"u8)) is { } stand)
        {
            context.Warn("no-end-time", "activities give published/created instead of endTime; read as endTime");
            endTime = stand;
        }

        var target = Object(item, "target"u8, context);
        if (type == ActivityType.Move && target is null)
        {
            context.Warn("move-without-target", "a Move activity has no target (§3.3 requires one)");
        }

        return new Activity
        {
            Id = Json.Id(item) is { } id ? context.Resolve(id) : null,
            Type = type,
            RawType = raw,
            Object = obj,
            Target = target,
            Origin = Object(item, "origin"u8, context),
            EndTime = endTime,
            StartTime = Json.Date(item, "startTime"u8),
            Summary = Json.String(item, "summary"u8),
            Actor = Json.TryGet(item, "actor"u8, out var actor) ? Json.Id(Json.First(actor)) : null,
        };
    }

    private static string? Link(JsonElement root, ReadOnlySpan<byte> name, ReadContext context) =>
        Json.TryGet(root, name, out var node) && Json.Id(Json.First(node)) is { } id ? context.Resolve(id) : null;

    private static ActivityObject? Object(JsonElement item, ReadOnlySpan<byte> name, ReadContext context)
    {
        if (!Json.TryGet(item, name, out var node))
        {
            return null;
        }

        node = Json.First(node);
        if (Json.Id(node) is not { } id)
        {
            return null;
        }

        return new ActivityObject
        {
            Id = context.Resolve(id),
            Type = Json.Type(node),
            Canonical = Json.String(node, "canonical"u8),
            SeeAlso = node.ValueKind == JsonValueKind.Object ? LinkReader.Links(node, "seeAlso"u8, "seeAlso", context) : [],
        };
    }
}
