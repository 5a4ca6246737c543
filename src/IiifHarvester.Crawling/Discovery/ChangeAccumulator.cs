using IiifHarvester.Iiif.Discovery;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>
/// The page algorithm of Change Discovery §3.5.2, applied to one page after another, newest activity first: keeps the
/// newest activity per object, applies Refresh, Add/Remove scoping and Move, and says when to stop.
/// </summary>
internal sealed class ChangeAccumulator
{
    private readonly HashSet<string> _processed = new(StringComparer.Ordinal);
    private readonly List<DiscoveredChange> _changes = [];
    private readonly Dictionary<ActivityType, int> _counts = [];
    private readonly HashSet<string> _streamIds;
    private readonly IReadOnlySet<string> _objectTypes;
    private readonly DateTimeOffset? _cutoff;
    private readonly bool _firstCrawl;
    private bool _onlyDelete;

    public ChangeAccumulator(DiscoveryWalkRequest request, IEnumerable<string> streamIds)
    {
        _firstCrawl = request.Mode == DiscoveryWalkMode.Full || request.Checkpoint is null;
        _cutoff = _firstCrawl ? null : request.Checkpoint - request.Overlap;
        _objectTypes = request.ObjectTypes;
        _streamIds = new HashSet<string>(streamIds.Select(Normalize), StringComparer.Ordinal);
    }

    public IReadOnlyList<DiscoveredChange> Changes => _changes;

    public IReadOnlyDictionary<ActivityType, int> Counts => _counts;

    public DateTimeOffset? Newest { get; private set; }

    public int ActivitiesSeen { get; private set; }

    public int SkippedObjectTypes { get; private set; }

    /// <summary>Processes a page; returns why to stop, or null to go on to the previous page.</summary>
    public DiscoveryStopReason? ProcessPage(ActivityStreamPage page)
    {
        foreach (var activity in NewestFirst(page.Activities))
        {
            if (Process(activity) is { } stop)
            {
                return stop;
            }
        }

        return null;
    }

    internal static string Normalize(string uri) => uri.TrimEnd('/');

    /// <summary>
    /// Pages list activities oldest first (§3.2), but some real streams list them newest first; judge each page by its
    /// first and last timestamps rather than trust it.
    /// </summary>
    private static IEnumerable<Activity> NewestFirst(IReadOnlyList<Activity> activities)
    {
        var first = activities.Select(Time).FirstOrDefault(t => t is not null);
        var last = activities.Reverse().Select(Time).FirstOrDefault(t => t is not null);
        return first > last ? activities : activities.Reverse();

        static DateTimeOffset? Time(Activity a) => a.EndTime ?? a.StartTime;
    }

    private static string BareType(string type)
    {
        var colon = type.LastIndexOf(':');
        return colon >= 0 ? type[(colon + 1)..] : type;
    }

    private DiscoveryStopReason? Process(Activity activity)
    {
        ActivitiesSeen++;
        _counts[activity.Type] = _counts.GetValueOrDefault(activity.Type) + 1;

        // Step 1. A Refresh has no endTime and never stops the walk here.
        if (activity.EndTime is { } endTime)
        {
            if (_cutoff is { } cutoff && endTime < cutoff)
            {
                return DiscoveryStopReason.ReachedCheckpoint;
            }

            if (Newest is null || endTime > Newest)
            {
                Newest = endTime;
            }
        }

        // Step 2. On a first crawl everything before a Refresh is restated after it; later, only deletions before it count.
        if (activity.Type == ActivityType.Refresh)
        {
            if (_firstCrawl)
            {
                return DiscoveryStopReason.Refresh;
            }

            _onlyDelete = true;
            return null;
        }

        // Step 4: types we do not harvest (streams list images, people...) are skipped; an untyped object is not.
        if (activity.Object is not { } obj || (obj.Type is { Length: > 0 } type && !_objectTypes.Contains(BareType(type))))
        {
            SkippedObjectTypes += activity.Object is null ? 0 : 1;
            return null;
        }

        switch (activity.Type)
        {
            case ActivityType.Delete:
                Record(obj, ChangeAction.Delete, activity, null);
                break;
            case ActivityType.Remove:
                // Step 5: a Remove counts only when it is from this stream; one from another stream still settles the object.
                if (activity.Origin is null || IsThisStream(activity.Origin.Id))
                {
                    Record(obj, ChangeAction.Delete, activity, null);
                }
                else
                {
                    _processed.Add(obj.Id);
                }

                break;
            case ActivityType.Create or ActivityType.Update when !_onlyDelete:
                Record(obj, ChangeAction.Upsert, activity, null);
                break;
            case ActivityType.Add when !_onlyDelete:
                if (activity.Target is null || IsThisStream(activity.Target.Id))
                {
                    Record(obj, ChangeAction.Upsert, activity, null);
                }
                else
                {
                    _processed.Add(obj.Id);
                }

                break;
            case ActivityType.Move:
                // Step 8: remove the origin, include the target. Each end is settled by its own newest activity: a later
                // Update of the target or a re-Create of the origin wins over the Move.
                Record(obj, ChangeAction.Delete, activity, activity.Target?.Id);
                if (activity.Target is { } target && !_onlyDelete && target.Id != obj.Id)
                {
                    Record(target, ChangeAction.Upsert, activity, obj.Id);
                }

                break;
        }

        return null;
    }

    private void Record(ActivityObject obj, ChangeAction action, Activity activity, string? related)
    {
        // Step 3: only the newest activity per object counts; walking newest first, the first one seen is it.
        if (_processed.Add(obj.Id))
        {
            _changes.Add(new DiscoveredChange(obj.Id, obj.Type, action, activity.Type, activity.EndTime) { RelatedId = related, Canonical = obj.Canonical });
        }
    }

    private bool IsThisStream(string id) => _streamIds.Contains(Normalize(id));
}
