namespace IiifHarvester.Iiif.Annotations;

/// <summary>The kinds of document that hold annotations.</summary>
public enum AnnotationContainerKind
{
    /// <summary>v2 <c>sc:AnnotationList</c>.</summary>
    AnnotationList,

    /// <summary>v2 <c>sc:Layer</c>.</summary>
    Layer,

    /// <summary>v3 <c>AnnotationPage</c>.</summary>
    AnnotationPage,

    /// <summary>v3 <c>AnnotationCollection</c>.</summary>
    AnnotationCollection,

    /// <summary>A single annotation published on its own.</summary>
    Annotation,
}
