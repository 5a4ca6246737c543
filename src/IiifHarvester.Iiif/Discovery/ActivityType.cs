namespace IiifHarvester.Iiif.Discovery;

/// <summary>Change Discovery 1.0 activity types (§2.3).</summary>
public enum ActivityType
{
    /// <summary>A type we do not know; ignored by consumers.</summary>
    Unknown = 0,

    /// <summary>The object was created.</summary>
    Create,

    /// <summary>The object was changed.</summary>
    Update,

    /// <summary>The object was deleted.</summary>
    Delete,

    /// <summary>The object moved from <c>object</c> to <c>target</c>.</summary>
    Move,

    /// <summary>The object was added to the stream's set (target = the stream).</summary>
    Add,

    /// <summary>The object was removed from the stream's set (origin = the stream).</summary>
    Remove,

    /// <summary>The stream was refreshed: everything before it is restated (no endTime).</summary>
    Refresh,
}
