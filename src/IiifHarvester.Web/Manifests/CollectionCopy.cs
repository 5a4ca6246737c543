using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Web.Manifests;

/// <summary>A harvested collection that lists a resource we re-serve: our copy of it is named in the copy's <c>partOf</c>.</summary>
/// <param name="Key">Our key of the collection (its copy is <c>/iiif/manifests/{key}</c>).</param>
/// <param name="OriginalId">The institution's id of the collection.</param>
/// <param name="Label">Its label, when the index holds it.</param>
internal sealed record CollectionCopy(string Key, string OriginalId, LanguageMap? Label);
