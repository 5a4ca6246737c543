using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Iiif.Search;
using IiifHarvester.TestUtilities.Corpus;

namespace IiifHarvester.Iiif.Tests.Corpus;

/// <summary>Every valid corpus document parses, and says what its JSON says (counted independently of the parser).</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> ValidFiles() => [.. CorpusFiles.Valid()];

    [Fact]
    public void Corpus_IsThere_HoldsHundredsOfDocuments()
    {
        Assert.True(CorpusFiles.Valid().Count >= 250, $"only {CorpusFiles.Valid().Count} valid documents under {CorpusFiles.Root}");
        Assert.NotEmpty(CorpusFiles.Invalid());
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Parse_ValidCorpusDocument_MatchesWhatTheFileSays(string file)
    {
        var bytes = CorpusFiles.Read(file);
        using var json = JsonDocument.Parse(bytes.AsMemory(HasBom(bytes) ? 3 : 0));
        var root = json.RootElement;

        var outcome = IiifParser.Parse(bytes, new IiifParserOptions { DocumentUri = CorpusFiles.UriOf(file) });

        if (CorpusExpectation.IsFragment(root))
        {
            // Specification snippets ({"service": ...}, {"object": ...}) are not documents.
            Assert.False(outcome.IsSuccess);
            Assert.Contains("no @type or type", outcome.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(outcome.IsSuccess, $"{file}: {outcome.Error}");
        var type = CorpusExpectation.TypeOf(root);
        switch (outcome.Document)
        {
            case PresentationResource resource:
                if (root.TryGetProperty("label", out var label))
                {
                    Assert.Equal(CorpusExpectation.LabelStrings(label).Order(), resource.Label.AllValues.Distinct().Order());
                }

                if (resource.Kind == PresentationKind.Manifest)
                {
                    Assert.Equal(CorpusExpectation.Canvases(root).Count, resource.Canvases.Count);
                    Assert.Equal(CorpusExpectation.TextAnnotationsInManifest(root), resource.Annotations.Count);
                    Assert.All(resource.Annotations, a => Assert.False(string.IsNullOrWhiteSpace(a.Text)));
                    Assert.All(resource.Annotations, a => Assert.Equal(resource.Id, a.ManifestId));
                }
                else
                {
                    Assert.Equal(CorpusExpectation.Members(root), resource.Members.Count);
                }

                break;
            case AnnotationContainer container:
                Assert.Equal(CorpusExpectation.TextAnnotationsInContainer(root, type!), container.Annotations.Count);
                break;
            case ActivityStreamPage page:
                Assert.Equal(CorpusExpectation.Activities(root), page.Activities.Count);
                Assert.All(page.Activities, a => Assert.True(a.Object is not null || a.Type == ActivityType.Refresh));
                break;
            case ActivityStreamCollection collection:
                Assert.NotNull(collection.Last ?? collection.First);
                break;
            case ActivityDocument activity:
                Assert.Equal(type, activity.Activity.RawType);
                break;
            case TermList terms:
                Assert.Equal(CorpusExpectation.Terms(root), terms.Terms.Count);
                break;
            case SequenceDocument sequence:
                Assert.Equal(root.GetProperty("canvases").GetArrayLength(), sequence.Canvases.Count);
                break;
            case CanvasDocument canvas:
                Assert.Equal(root.GetProperty("@id").GetString(), canvas.Canvas.Id);
                break;
            default:
                Assert.Fail($"{file}: unexpected {outcome.Document?.GetType().Name}");
                break;
        }
    }

    [Fact]
    public void Parse_WholeCorpus_FindsTheTextAndStructureItHolds()
    {
        var manifests = CorpusFiles.Valid()
            .Select(f => IiifParser.Parse(CorpusFiles.Read(f)).Document)
            .OfType<PresentationResource>()
            .Where(r => r.Kind == PresentationKind.Manifest)
            .ToList();

        Assert.True(manifests.Count > 100);
        Assert.True(manifests.Sum(m => m.Canvases.Count) > 5000);
        Assert.Contains(manifests, m => m.Canvases.Any(c => c.OcrReferences.Any(o => o.Format == OcrFormat.Alto)));
        Assert.Contains(manifests, m => m.Ranges.Any(r => r.Ranges.Count > 0));
        Assert.Contains(manifests, m => m.Services.Any(s => s.Kind == ServiceKind.Search && s.Services.Any(n => n.Kind == ServiceKind.Autocomplete)));
        Assert.Contains(manifests, m => m.Canvases.Any(c => c.Images.Any(i => i.Service?.Kind == ServiceKind.Image)));
        Assert.Contains(manifests, m => m.Annotations.Any(a => a.Region is { IsPoint: false }));
    }

    private static bool HasBom(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
}
