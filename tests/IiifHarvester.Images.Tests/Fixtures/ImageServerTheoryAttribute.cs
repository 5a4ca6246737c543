using Xunit;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>A theory that needs the real IIPImage upstream; skipped with a reason when it is not installed (see <see cref="ImageServerRequirement"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ImageServerTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the upstream cannot run.</summary>
    public ImageServerTheoryAttribute() => Skip = ImageServerRequirement.SkipReason;
}
