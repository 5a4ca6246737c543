namespace IiifHarvester.Demo;

/// <summary>The size and shape of a generated demo institution.</summary>
public sealed record DemoInstitutionOptions
{
    /// <summary>How many manifests (10 to 100,000 and beyond).</summary>
    /// <value>Defaults to 200.</value>
    public int Manifests { get; init; } = 200;

    /// <summary>Canvases per manifest.</summary>
    /// <value>Defaults to 4.</value>
    public int CanvasesPerManifest { get; init; } = 4;

    /// <summary>Transcription lines per canvas (each an annotation with word boxes in its text).</summary>
    /// <value>Defaults to 6.</value>
    public int LinesPerCanvas { get; init; } = 6;

    /// <summary>Activities per Discovery stream page.</summary>
    /// <value>Defaults to 100.</value>
    public int ActivitiesPerPage { get; init; } = 100;

    /// <summary>Manifests per leaf collection.</summary>
    /// <value>Defaults to 50.</value>
    public int ManifestsPerCollection { get; init; } = 50;

    /// <summary>The seed every generated value derives from.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>When the institution's first activity happened.</summary>
    /// <value>Defaults to 2024-01-01T00:00:00Z.</value>
    public DateTimeOffset Epoch { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long each response waits before it is sent, to stand in for a distant institution.</summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan Latency { get; init; }

    /// <summary>Whether manifests reference the institution's level-0 image service.</summary>
    /// <value>Defaults to true.</value>
    public bool Images { get; init; } = true;
}
