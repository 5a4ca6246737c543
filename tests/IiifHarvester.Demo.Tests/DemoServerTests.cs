using System.Net;
using System.Net.Http.Headers;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using NetVips;
using Xunit;

namespace IiifHarvester.Demo.Tests;

public sealed class DemoServerTests : IAsyncLifetime
{
    private DemoServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _server = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 120, ActivitiesPerPage = 25 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private DemoInstitution Institution => _server.Institution;

    [Fact]
    public async Task HoldManifestsAfter_AnswersThatManyThenHoldsTheRestUntilReleased()
    {
        Institution.HoldManifestsAfter(2);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Institution.ManifestUri(0))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Institution.ManifestUri(1))).StatusCode);

        var held = _http.GetAsync(Institution.ManifestUri(2));
        var alsoHeld = _http.GetAsync(Institution.ManifestUri(3));
        // Other documents are answered meanwhile: a request for one completes while the two manifests wait.
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Institution.StreamUri)).StatusCode);
        Assert.False(held.IsCompleted);
        Assert.False(alsoHeld.IsCompleted);

        Institution.ReleaseManifests();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alsoHeld).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(Institution.ManifestUri(4))).StatusCode);
    }

    [Fact]
    public async Task Stream_PagesHoldEveryActivityInOrder()
    {
        var collection = Assert.IsType<ActivityStreamCollection>(await ParseAsync(Institution.StreamUri));
        var activities = new List<Activity>();
        for (var uri = collection.First; uri is not null;)
        {
            var page = Assert.IsType<ActivityStreamPage>(await ParseAsync(uri));
            activities.AddRange(page.Activities);
            uri = page.Next;
        }

        Assert.Equal(collection.TotalItems, activities.Count);
        Assert.Equal(121, activities.Count(a => a.Type == ActivityType.Create));
        Assert.Equal(12, activities.Count(a => a.Type == ActivityType.Update));
        Assert.Equal(6, activities.Count(a => a.Type == ActivityType.Delete));
        Assert.True(activities.Zip(activities.Skip(1)).All(p => p.First.EndTime <= p.Second.EndTime));
    }

    [Fact]
    public async Task Revision_AppendsUpdatesDeletesAndCreates()
    {
        var before = Institution.Activities.Count;

        Institution.Revision = 1;

        var added = Institution.Activities.Skip(before).ToList();
        Assert.Contains(added, a => a.Type == DemoActivityType.Create && a.ObjectId == Institution.ManifestUri(120));
        var deleted = Assert.Single(added, a => a.Type == DemoActivityType.Delete);
        Assert.Equal(HttpStatusCode.Gone, (await _http.GetAsync(new Uri(deleted.ObjectId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(Institution.ManifestUri(120)))).StatusCode);

        // Revision 1 updates every manifest whose index is 1 modulo 25, each with an Update activity and revised text.
        int[] revised = [1, 26, 51, 76, 101];
        var updates = added.Where(a => a.Type == DemoActivityType.Update).ToList();
        Assert.Equal(revised.Length, updates.Count);
        Assert.Equal(revised.Select(Institution.ManifestUri).ToHashSet(), updates.Select(a => a.ObjectId).ToHashSet());
        Assert.All(updates, a => Assert.Equal("Manifest", a.ObjectType));
        Assert.Equal(updates.Count + 2, added.Count);
        foreach (var index in revised)
        {
            var updated = Assert.IsType<AnnotationContainer>(await ParseAsync(Institution.AnnotationsUri(index, 0)));
            Assert.EndsWith("revised1", updated.Annotations[0].Text, StringComparison.Ordinal);
        }

        var untouched = Assert.IsType<AnnotationContainer>(await ParseAsync(Institution.AnnotationsUri(2, 0)));
        Assert.DoesNotContain("revised", untouched.Annotations[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, IiifVersion.V2)]
    [InlineData(1, IiifVersion.V3)]
    [InlineData(4, IiifVersion.V2)]
    [InlineData(8, IiifVersion.V2)]
    public async Task Manifest_ParsesWithCanvasesAndAnnotations(int index, IiifVersion version)
    {
        var manifest = Assert.IsType<PresentationResource>(await ParseAsync(Institution.ManifestUri(index)));

        Assert.Equal(version, manifest.Version);
        Assert.Equal(Institution.ManifestUri(index), manifest.Id);
        Assert.StartsWith($"Item {index}:", manifest.Label.GetValue("en"), StringComparison.Ordinal);
        Assert.Equal(4, manifest.Canvases.Count);
        Assert.Equal(Institution.AnnotationsUri(index, 2), Assert.Single(manifest.Canvases[2].AnnotationReferences).Id);
        var list = Assert.IsType<AnnotationContainer>(await ParseAsync(Institution.AnnotationsUri(index, 0)));
        Assert.Equal(6, list.Annotations.Count);
        Assert.Contains(DemoInstitution.MarkerWord(index), list.Annotations[0].Text, StringComparison.Ordinal);
        Assert.Equal(Institution.CanvasUri(index, 0), list.Annotations[0].CanvasId);
        Assert.NotNull(list.Annotations[0].Region);
    }

    [Fact]
    public async Task Manifest_DeletedIsGoneAndUnknownIsNotFound()
    {
        Assert.Equal(HttpStatusCode.Gone, (await _http.GetAsync(new Uri(Institution.ManifestUri(7)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(Institution.ManifestUri(5000)))).StatusCode);
    }

    [Fact]
    public async Task Manifest_ConditionalGetAnswers304()
    {
        var first = await _http.GetAsync(new Uri(Institution.ManifestUri(2)));
        var request = new HttpRequestMessage(HttpMethod.Get, Institution.ManifestUri(2));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(1, Institution.Requests.NotModified);
    }

    [Fact]
    public async Task Collections_TreeReachesEveryLiveManifest()
    {
        var top = Assert.IsType<PresentationResource>(await ParseAsync(Institution.TopCollectionUri));
        var found = new HashSet<string>();
        foreach (var branch in top.Members)
        {
            var series = Assert.IsType<PresentationResource>(await ParseAsync(branch.Id));
            foreach (var leaf in series.Members)
            {
                var box = Assert.IsType<PresentationResource>(await ParseAsync(leaf.Id));
                found.UnionWith(box.Members.Where(m => m.Kind == PresentationKind.Manifest).Select(m => m.Id));
            }
        }

        Assert.Equal(Institution.LiveManifests().Select(Institution.ManifestUri).ToHashSet(), found);
    }

    [Fact]
    public async Task Images_Level0TileHasTheGridColours()
    {
        var info = await _http.GetStringAsync(new Uri($"{Institution.ImageServiceUri(1)}/info.json"));
        Assert.Contains("\"level0\"", info, StringComparison.Ordinal);

        var bytes = await _http.GetByteArrayAsync(new Uri($"{Institution.ImageServiceUri(1)}/512,0,488,512/488,512/0/default.jpg"));

        using var tile = Image.NewFromBuffer(bytes);
        Assert.Equal(488, tile.Width);
        var pixel = tile.Getpoint(150, 50); // square column 6, row 0 of the full image
        var (r, g, b) = DemoImages.ColourAt(1, 6, 0);
        Assert.InRange(pixel[0], r - 8, r + 8);
        Assert.InRange(pixel[1], g - 8, g + 8);
        Assert.InRange(pixel[2], b - 8, b + 8);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri($"{Institution.ImageServiceUri(1)}/10,10,50,50/50,/0/default.jpg"))).StatusCode);
    }

    private async Task<IiifDocument> ParseAsync(string uri)
    {
        var bytes = await _http.GetByteArrayAsync(new Uri(uri));
        var outcome = IiifParser.Parse(bytes, new IiifParserOptions { DocumentUri = uri });
        Assert.True(outcome.IsSuccess, outcome.Error);
        return outcome.Document!;
    }
}
