namespace IiifHarvester.Demo;

/// <summary>
/// A synthetic institution: manifests (Presentation 2.1 and 3.0 mixed), annotation lists and pages with
/// transcriptions in Latin script, Chinese and Japanese, a nested collection tree, a Change Discovery 1.0 stream and
/// level-0 images. Nothing is stored: every document is generated from the seed when asked, so the same
/// generator serves 10 or 100,000 manifests. <see cref="Revision"/> moves the institution on in time: each
/// revision updates, deletes and creates a few manifests and appends the activities that say so.
/// </summary>
public sealed class DemoInstitution
{
    private readonly object _gate = new();
    private int _revision;
    private IReadOnlyList<DemoActivity>? _activities;
    private TaskCompletionSource? _held;
    private int _manifestsBeforeHold;

    /// <summary>Creates the institution; <paramref name="baseUri"/> is where it is served (no trailing slash).</summary>
    public DemoInstitution(DemoInstitutionOptions options, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Manifests, 1);
        Options = options;
        BaseUri = baseUri.TrimEnd('/');
    }

    /// <summary>What it was asked for.</summary>
    public DemoRequestLog Requests { get; } = new();

    /// <summary>
    /// From now, answers <paramref name="manifests"/> more manifest requests and holds every one after them until
    /// <see cref="ReleaseManifests"/>: a harvest caught in the middle for as long as a test needs, whatever the machine's
    /// speed.
    /// </summary>
    public void HoldManifestsAfter(int manifests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(manifests);
        lock (_gate)
        {
            _manifestsBeforeHold = manifests;
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Answers the manifest requests held, and every one after them.</summary>
    public void ReleaseManifests()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            (held, _held) = (_held, null);
        }

        held?.TrySetResult();
    }

    /// <summary>Completes when a manifest request may be answered (at once unless held).</summary>
    internal Task ManifestMayBeServedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_held is null || _manifestsBeforeHold-- > 0)
            {
                return Task.CompletedTask;
            }

            return _held.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The options it was made with.</summary>
    public DemoInstitutionOptions Options { get; }

    /// <summary>Where it is served.</summary>
    public string BaseUri { get; }

    /// <summary>How far the institution has moved on (0 at first).</summary>
    public int Revision
    {
        get => Volatile.Read(ref _revision);
        set
        {
            lock (_gate)
            {
                _revision = value;
                _activities = null;
            }
        }
    }

    /// <summary>The Discovery stream's entry point.</summary>
    public string StreamUri => $"{BaseUri}/activity/all-changes";

    /// <summary>The top collection.</summary>
    public string TopCollectionUri => $"{BaseUri}/collection/top";

    /// <summary>Every manifest index that has ever existed at the current revision (live or deleted).</summary>
    public int ManifestCount => Options.Manifests + Revision;

    /// <summary>The id of manifest <paramref name="index"/>.</summary>
    public string ManifestUri(int index) => $"{BaseUri}/iiif/{index}/manifest";

    /// <summary>The id of canvas <paramref name="canvas"/> of manifest <paramref name="index"/>.</summary>
    public string CanvasUri(int index, int canvas) => $"{BaseUri}/iiif/{index}/canvas/{canvas}";

    /// <summary>The id of the annotation list/page of a canvas.</summary>
    public string AnnotationsUri(int index, int canvas) => $"{BaseUri}/iiif/{index}/annotations/{canvas}";

    /// <summary>The id of a level-0 image service.</summary>
    public string ImageServiceUri(int image) => $"{BaseUri}/images/img{image}";

    /// <summary>Whether manifest <paramref name="index"/> is a Presentation 3.0 document (odd) or 2.1 (even).</summary>
    public static bool IsV3(int index) => index % 2 == 1;

    /// <summary>A word found in manifest <paramref name="index"/> only.</summary>
    public static string MarkerWord(int index) => DemoText.Marker(index);

    /// <summary>Whether manifest <paramref name="index"/> exists (is not deleted) at the current revision.</summary>
    public bool Exists(int index) => index >= 0 && index < ManifestCount && DeletedAt(index) is null;

    /// <summary>The revision at which manifest <paramref name="index"/> was deleted, or null.</summary>
    public int? DeletedAt(int index)
    {
        if (index < Options.Manifests && index % 20 == 7)
        {
            return 0;
        }

        var revision = Revision;
        for (var k = 1; k <= revision; k++)
        {
            if (RevisionDeletes(k) == index)
            {
                return k;
            }
        }

        return null;
    }

    /// <summary>The last revision that changed manifest <paramref name="index"/>'s content (0 when none).</summary>
    public int ContentRevision(int index)
    {
        var revision = Revision;
        for (var k = revision; k >= 1; k--)
        {
            if (index % 25 == k % 25 && index < Options.Manifests && !DeletedBefore(index, k))
            {
                return k;
            }
        }

        return 0;
    }

    /// <summary>The indexes of the live manifests.</summary>
    public IEnumerable<int> LiveManifests() => Enumerable.Range(0, ManifestCount).Where(Exists);

    /// <summary>The activities of the stream, oldest first.</summary>
    public IReadOnlyList<DemoActivity> Activities
    {
        get
        {
            lock (_gate)
            {
                return _activities ??= BuildActivities();
            }
        }
    }

    /// <summary>How many leaf collections hold the manifests.</summary>
    public int LeafCollections => (ManifestCount + Options.ManifestsPerCollection - 1) / Options.ManifestsPerCollection;

    /// <summary>How many branch collections group the leaves (ten leaves each).</summary>
    public int BranchCollections => (LeafCollections + 9) / 10;

    private bool DeletedBefore(int index, int revision)
    {
        if (index % 20 == 7)
        {
            return true;
        }

        for (var k = 1; k < revision; k++)
        {
            if (RevisionDeletes(k) == index)
            {
                return true;
            }
        }

        return false;
    }

    private int RevisionDeletes(int k) => (int)((k * 37L + 11) % Options.Manifests) is var i && i % 20 != 7 ? i : (i + 1) % Options.Manifests;

    private List<DemoActivity> BuildActivities()
    {
        var n = Options.Manifests;
        var list = new List<DemoActivity>(n + n / 5 + 16)
        {
            new(DemoActivityType.Create, TopCollectionUri, "Collection", Options.Epoch.AddMinutes(-1)),
        };
        for (var i = 0; i < n; i++)
        {
            list.Add(new(DemoActivityType.Create, ManifestUri(i), "Manifest", Options.Epoch.AddMinutes(i)));
        }

        var after = Options.Epoch.AddMinutes(n);
        for (var i = 3; i < n; i += 10)
        {
            list.Add(new(DemoActivityType.Update, ManifestUri(i), "Manifest", after.AddSeconds(i)));
        }

        after = after.AddSeconds(n + 1);
        for (var i = 7; i < n; i += 20)
        {
            list.Add(new(DemoActivityType.Delete, ManifestUri(i), "Manifest", after.AddSeconds(i)));
        }

        after = after.AddSeconds(n + 1);
        var revision = Revision;
        for (var k = 1; k <= revision; k++)
        {
            var at = after.AddHours(k);
            for (var i = k % 25; i < n; i += 25)
            {
                if (DeletedBefore(i, k))
                {
                    continue;
                }

                list.Add(new(DemoActivityType.Update, ManifestUri(i), "Manifest", at.AddSeconds(i % 3000)));
            }

            list.Add(new(DemoActivityType.Delete, ManifestUri(RevisionDeletes(k)), "Manifest", at.AddMinutes(55)));
            list.Add(new(DemoActivityType.Create, ManifestUri(n + k - 1), "Manifest", at.AddMinutes(56)));
        }

        list.Sort((a, b) => a.EndTime.CompareTo(b.EndTime));
        return list;
    }
}
