namespace IiifHarvester.Demo;

/// <summary>The activity types the demo stream uses.</summary>
public enum DemoActivityType
{
    /// <summary>A resource appeared.</summary>
    Create,

    /// <summary>A resource changed.</summary>
    Update,

    /// <summary>A resource went away.</summary>
    Delete,
}
