namespace IiifHarvester.TestUtilities.Institutions;

/// <summary>
/// Describes a IIIF institution to stand up on WireMock: N manifests (v2 or v3) with annotation lists and ALTO files,
/// a Change Discovery stream of pages over them (a Create per manifest, then any activities added), and a collection
/// tree (flat, nested, or a paged v2 collection). Faults are set per path, at build time or later on the institution.
/// </summary>
public sealed class InstitutionBuilder
{
    internal int Manifests { get; private set; } = 10;

    internal int Canvases { get; private set; } = 2;

    internal int Version { get; private set; } = 3;

    internal bool AnnotationLists { get; private set; } = true;

    internal bool Ocr { get; private set; }

    internal int PageSize { get; private set; } = 10;

    internal bool GeneratedCreates { get; private set; } = true;

    internal bool UnpagedStream { get; private set; }

    internal DateTimeOffset StartTime { get; private set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal TimeSpan Step { get; private set; } = TimeSpan.FromMinutes(1);

    internal int SubCollections { get; private set; }

    internal int? V2PageSize { get; private set; }

    internal bool ServeETags { get; private set; } = true;

    internal List<StreamActivity> Activities { get; } = [];

    internal Dictionary<int, string?> PrevOverrides { get; } = [];

    internal Dictionary<string, InstitutionFault> Faults { get; } = new(StringComparer.Ordinal);

    internal List<(string Path, string Location)> ExtraCollectionMembers { get; } = [];

    /// <summary>How many manifests, with how many canvases each.</summary>
    public InstitutionBuilder WithManifests(int count, int canvasesPerManifest = 2)
    {
        Manifests = count;
        Canvases = canvasesPerManifest;
        return this;
    }

    /// <summary>Presentation 2 or 3 for manifests, annotation lists and collections.</summary>
    public InstitutionBuilder WithPresentationVersion(int version)
    {
        Version = version is 2 or 3 ? version : throw new ArgumentOutOfRangeException(nameof(version));
        return this;
    }

    /// <summary>Whether canvases reference an annotation list/page each.</summary>
    public InstitutionBuilder WithAnnotationLists(bool enabled = true)
    {
        AnnotationLists = enabled;
        return this;
    }

    /// <summary>Whether canvases link an ALTO file each (seeAlso).</summary>
    public InstitutionBuilder WithOcr(bool enabled = true)
    {
        Ocr = enabled;
        return this;
    }

    /// <summary>Activities per Discovery page.</summary>
    public InstitutionBuilder WithDiscoveryPageSize(int activitiesPerPage)
    {
        PageSize = Math.Max(1, activitiesPerPage);
        return this;
    }

    /// <summary>The endTime of the first generated Create and the step between them.</summary>
    public InstitutionBuilder WithTimes(DateTimeOffset start, TimeSpan step)
    {
        StartTime = start;
        Step = step;
        return this;
    }

    /// <summary>No generated Create per manifest: the stream holds only the activities added.</summary>
    public InstitutionBuilder WithoutGeneratedCreates()
    {
        GeneratedCreates = false;
        return this;
    }

    /// <summary>
    /// The stream is one OrderedCollection listing every activity itself (<c>orderedItems</c>, no <c>first</c> or
    /// <c>last</c>), as some producers publish a small stream.
    /// </summary>
    public InstitutionBuilder WithUnpagedStream()
    {
        UnpagedStream = true;
        return this;
    }

    /// <summary>Appends an activity to the stream (after the generated Creates, in the order added).</summary>
    public InstitutionBuilder WithActivity(StreamActivity activity)
    {
        Activities.Add(activity);
        return this;
    }

    /// <summary>Makes page <paramref name="page"/>'s <c>prev</c> point at page <paramref name="prevPage"/> (itself for a self-loop; null for none).</summary>
    public InstitutionBuilder WithPrevOverride(int page, int? prevPage)
    {
        PrevOverrides[page] = prevPage?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>
    /// The collection tree: with <paramref name="subCollections"/> &gt; 0 the top collection lists that many
    /// sub-collections sharing the manifests; with <paramref name="v2PageSize"/> the top collection is a paged v2
    /// collection (<c>first</c>/<c>next</c>) of that many manifests per page.
    /// </summary>
    public InstitutionBuilder WithCollections(int subCollections = 0, int? v2PageSize = null)
    {
        SubCollections = subCollections;
        V2PageSize = v2PageSize;
        return this;
    }

    /// <summary>Adds a member to the top collection pointing at <paramref name="collectionPath"/> (a cycle when it is the top itself).</summary>
    public InstitutionBuilder WithExtraCollectionMember(string collectionPath)
    {
        ExtraCollectionMembers.Add((collectionPath, collectionPath));
        return this;
    }

    /// <summary>Whether documents carry an ETag and answer 304 to a matching If-None-Match.</summary>
    public InstitutionBuilder WithETags(bool enabled = true)
    {
        ServeETags = enabled;
        return this;
    }

    /// <summary>Serves <paramref name="fault"/> for <paramref name="path"/>.</summary>
    public InstitutionBuilder WithFault(string path, InstitutionFault fault)
    {
        Faults[path] = fault;
        return this;
    }

    /// <summary>Starts WireMock on 127.0.0.1 and serves the institution.</summary>
    public WireMockInstitution Build() => new(this);
}
