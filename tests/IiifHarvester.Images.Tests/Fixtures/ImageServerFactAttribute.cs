using Xunit;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>A fact that needs the real IIPImage upstream; skipped with a reason when it is not installed (see <see cref="ImageServerRequirement"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ImageServerFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the upstream cannot run.</summary>
    public ImageServerFactAttribute() => Skip = ImageServerRequirement.SkipReason;
}
