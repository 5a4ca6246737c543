namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What fetching one annotation list or OCR file of a manifest came to.</summary>
internal enum DependentOutcome
{
    /// <summary>The store already held these bytes (or a 304 said so), or it was never held and is not there.</summary>
    Unchanged,

    /// <summary>New or different bytes were stored.</summary>
    Changed,

    /// <summary>A list we held answered 404 or 410: it stops contributing.</summary>
    Gone,

    /// <summary>The fetch failed (a failure, never a deletion); what we held stays.</summary>
    Failed,
}
