using IiifHarvester.Iiif.Parsing;
using IiifHarvester.TestUtilities.Corpus;

namespace IiifHarvester.Iiif.Tests.Corpus;

/// <summary>
/// Each file under invalid/ is rejected, or accepted with the warning that names its fault, as invalid/NOTES.md
/// explains: not JSON, not UTF-8, not IIIF or no id is a rejection; a merely odd document is understood with a warning.
/// </summary>
public sealed class InvalidCorpusTests
{
    private static readonly Dictionary<string, (bool Accepted, string[] Reasons)> Expected = new(StringComparer.Ordinal)
    {
        ["api__2.1-errors_0_manifest.json"] = (false, ["not JSON"]),
        ["api__2.1-errors_1_manifest.json"] = (false, ["an empty JSON object"]),
        ["api__2.1-errors_2_manifest.json"] = (false, ["no @type or type"]),
        ["api__2.1-errors_4_manifest.json"] = (false, ["no @type or type"]),
        ["api__2.1-errors_5_manifest.json"] = (false, ["no @type or type"]),
        ["api__2.1-errors_7_manifest.json"] = (false, ["has no id"]),
        ["api__2.1-errors_9_manifest.json"] = (true, ["manifest has no label"]),
        ["api__2.1-errors_10_manifest.json"] = (true, ["label is a number"]),
        ["api__2.1-errors_11_manifest.json"] = (true, ["no sequences or items"]),
        ["api__2.1-errors_13_manifest.json"] = (true, ["first sequence is a number"]),
        ["api__2.1-errors_22_manifest.json"] = (true, ["canvas has no id"]),
        ["api__2.1-errors_27_manifest.json"] = (true, ["height is not a non-negative number"]),
        ["api__2.1-errors_32_manifest.json"] = (true, ["images is a single object"]),
        ["api__2.1-errors_33_manifest.json"] = (true, ["no or an empty motivation"]),
        ["api__2.1-errors_36_manifest.json"] = (true, ["on is a number"]),
        ["api__2.1-errors_40_manifest.json"] = (true, ["paints a dctypes:Audio, not an image"]),
        ["api__2.1-errors_45_manifest.json"] = (true, ["summary holds the element <x>"]),
        ["api__2.1-errors_47_manifest.json"] = (true, ["attribute onmouseover"]),
        ["manifesto__potterselectric.json"] = (false, ["not UTF-8: invalid byte 0x92 at offset 872"]),
        ["mirador__version-2_broken.json"] = (false, ["no @type or type"]),
        ["parser__presentation-2_malformed-image-annotation.json"] = (true, ["type dctypes:Image, not oa:Annotation"]),
        ["validator__3_broken_collection.json"] = (true, ["collection has no label"]),
        ["validator__3_broken_embedded_annos.json"] = (true, ["annotations placed inside an AnnotationPage"]),
        ["validator__3_broken_service.json"] = (true, ["service is a single object, not an array"]),
        ["validator__3_broken_simple_image.json"] = (true, ["logo entry has no id", "seeAlso entry has no id", "canvas has no id"]),
        ["validator__3_collection_of_canvases.json"] = (true, ["type Canvas is neither", "type Range is neither"]),
        ["validator__3_non_cc_license.json"] = (true, ["not a Creative Commons or RightsStatements.org URI"]),
        ["validator__3_old_format_label.json"] = (true, ["label is a plain string", "v2 property sequences"]),
    };

    public static TheoryData<string> InvalidFiles() => [.. CorpusFiles.Invalid()];

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Parse_InvalidCorpusDocument_IsRejectedOrWarnedAsNotesSay(string file)
    {
        var name = file["invalid/".Length..];
        var notes = File.ReadAllText(CorpusFiles.FullPath("invalid/NOTES.md"));
        Assert.Contains($"`{name}`", notes, StringComparison.Ordinal);
        Assert.True(Expected.TryGetValue(name, out var expected), $"no expectation written for {name}; read invalid/NOTES.md and add one");

        var outcome = IiifParser.Parse(CorpusFiles.Read(file), new IiifParserOptions { DocumentUri = CorpusFiles.UriOf(file) });

        Assert.Equal(expected.Accepted, outcome.IsSuccess);
        if (expected.Accepted)
        {
            foreach (var reason in expected.Reasons)
            {
                Assert.Contains(outcome.Warnings, w => w.Contains(reason, StringComparison.Ordinal));
            }
        }
        else
        {
            Assert.Contains(expected.Reasons[0], outcome.Error, StringComparison.Ordinal);
        }
    }
}
