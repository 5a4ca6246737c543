namespace IiifHarvester.Crawling.Collections;

/// <summary>
/// One thing a collection walk yields: a <see cref="CollectionDocument"/>, a <see cref="ManifestReference"/>, a
/// <see cref="CollectionFailure"/>, and last of all one <see cref="CollectionWalkSummary"/>.
/// </summary>
public abstract record CollectionWalkItem;
