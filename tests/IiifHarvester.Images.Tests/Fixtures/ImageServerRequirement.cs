using IiifHarvester.TestUtilities.Images;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>
/// Whether the tests that need the real IIPImage + nginx upstream (and the vips command line) can run. Absent
/// binaries skip them with a clear reason on a developer's machine; CI (.ci/run installs them first through
/// .ci/setup-images.sh) must run them, so there — or with <c>IIIF_REQUIRE_IMAGE_SERVER=1</c> — they run and fail loudly.
/// </summary>
public static class ImageServerRequirement
{
    /// <summary>The reason to skip, or <see langword="null"/> to run.</summary>
    public static string? SkipReason { get; } = Compute();

    /// <summary>Whether a missing upstream must fail rather than skip.</summary>
    public static bool Required
        => IsSet(Environment.GetEnvironmentVariable("IIIF_REQUIRE_IMAGE_SERVER")) || IsSet(Environment.GetEnvironmentVariable("CI"));

    private static string? Compute()
    {
        if (IipImageUpstream.IsInstalled || Required)
        {
            return null;
        }

        return "Needs IIPImage (/usr/lib/iipimage-server/iipsrv.fcgi), nginx and vips: run .ci/setup-images.sh as root. "
            + "CI installs them and runs this test (set IIIF_REQUIRE_IMAGE_SERVER=1 to fail instead of skip).";
    }

    private static bool IsSet(string? value)
        => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
