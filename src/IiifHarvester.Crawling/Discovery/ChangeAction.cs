namespace IiifHarvester.Crawling.Discovery;

/// <summary>What the pipeline should do with an object.</summary>
public enum ChangeAction
{
    /// <summary>Fetch the object and store and index it (Create, Update, Add to this stream, a Move's target).</summary>
    Upsert,

    /// <summary>Remove the object (Delete, Remove from this stream, a Move's origin).</summary>
    Delete,
}
