using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.TestUtilities;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Search;

public sealed class PageRecordTests
{
    [Fact]
    public void Search_IndexWrittenBeforePageRecords_GivesThePinnedAnswersFromStoredFields()
    {
        // An index whose text documents keep what a hit needs in stored fields (as every index did before the
        // page record): hits are read from those, the same answers as from page records.
        using var folder = new TempDirectory("iiif-old-index");
        using (var directory = FSDirectory.Open(folder.Path))
        using (var analyzer = new TextAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)))
        {
            foreach (var resource in PinnedInstitution.All())
            {
                var documents = new List<IEnumerable<IIndexableField>> { ResourceDocumentBuilder.Build(resource) };
                documents.AddRange(TextDocumentBuilder.Build(resource).Select(WithStoredFieldsInsteadOfRecord));
                writer.UpdateDocuments(new Term(FieldNames.Owner, resource.Uri), documents);
            }

            writer.Commit();
        }

        using var fixture = new IndexFixture(inMemory: false, directory: folder.Path);

        Assert.Equal(PinnedAnswersTests.Pinned(), PinnedAnswersTests.Describe(fixture.Search));
    }

    [Fact]
    public void Decode_EncodedRecord_RoundTrips()
    {
        var record = new PageRecord
        {
            Text = "A bird in the hand\nis worth two 東京",
            Layout = new PageLayout(1000, 1500, [new PageLine(0, 18, null, new(1, 2, 3, 4), "en", [new(2, 4, new(5, 6, 7, 8))], new(702.25, 705)), new PageLine(19, 16, "id", null, null, [], new(61.5, null))]),
            ManifestUri = "https://example.org/m",
            ManifestKey = "k",
            ManifestLabel = DemoInstitution.Map("ja", "東京の絵巻"),
            CanvasId = "https://example.org/c",
            Motivation = "supplementing",
            Creator = "https://example.org/u",
            CreatedMillis = -5,
            Language = "en",
        };

        var decoded = PageRecord.Decode(record.Encode());

        Assert.Equal(record.Text, decoded.Text);
        Assert.Equal((record.ManifestUri, record.ManifestKey, record.CanvasId, record.Motivation, record.Creator, record.CreatedMillis, record.Language),
            (decoded.ManifestUri, decoded.ManifestKey, decoded.CanvasId, decoded.Motivation, decoded.Creator, decoded.CreatedMillis, decoded.Language));
        Assert.Equal("東京の絵巻", decoded.ManifestLabel.GetValue());
        Assert.Equal(record.Layout.Lines.Select(l => (l.Start, l.Length, l.Id, l.Region, l.Language, l.Words.Count, l.Time)),
            decoded.Layout.Lines.Select(l => (l.Start, l.Length, l.Id, l.Region, l.Language, l.Words.Count, l.Time)));
        Assert.Equal(record.Layout.Lines[0].Words, decoded.Layout.Lines[0].Words);
        Assert.Equal((1000, 1500), (decoded.Layout.CanvasWidth, decoded.Layout.CanvasHeight));
    }

    [Fact]
    public void Decode_RecordInsideALargerBuffer_ReadsItsWordBoxesFromThere()
    {
        // As read from a doc value's own buffer: the record starts at an offset, with other bytes around it.
        var words = new WordBox[] { new(0, 1, new(300, 2, 3, 4)), new(2, 4, new(5, 6000, 7, 8)), new(7, 2, new(9, 10, 11, 70000)) };
        var record = Record("A bird in\nhand", new PageLayout(null, null, [new PageLine(0, 9, null, null, null, words), new PageLine(10, 4, null, null, null, [new(0, 4, new(1, 1, 1, 1))])]));
        var encoded = record.Encode();
        var buffer = new byte[encoded.Length + 10];
        Array.Fill(buffer, (byte)0xFF);
        encoded.CopyTo(buffer, 7);

        var decoded = PageRecord.Decode(buffer, 7, encoded.Length);

        Assert.Equal(words, decoded.Layout.Lines[0].Words);
        Assert.Equal(record.Layout.Lines[1].Words, decoded.Layout.Lines[1].Words);
    }

    [Fact]
    public void Decode_Lines_ReadOffsetsFirstAndBuildALineOnlyWhenAskedFor()
    {
        var lines = new[]
        {
            new PageLine(0, 6, null, new(1, 2, 3, 4), "en", [new(0, 6, new(1, 2, 3, 4))]),
            new PageLine(7, 5, "https://example.org/a/2", null, "ja", [], new(3, 4)),
            new PageLine(13, 9, null, new(9, 8, 7, 6), null, [new(0, 4, new(9, 8, 3, 6)), new(5, 4, new(13, 8, 3, 6))], new(5, null)),
        };
        var record = Record("A bird\n東京の絵巻\nin a hand", new PageLayout(100, 200, lines));

        var decoded = Assert.IsType<EncodedPageLines>(PageRecord.Decode(record.Encode()).Layout.Lines);

        Assert.Equal(3, decoded.Count);
        Assert.Equal(lines.Select(l => (l.Start, l.End)), Enumerable.Range(0, 3).Select(i => (decoded.StartOf(i), decoded.EndOf(i))));
        var last = decoded[2];
        Assert.Equal((lines[2].Start, lines[2].Length, lines[2].Id, lines[2].Region, lines[2].Language, lines[2].Time), (last.Start, last.Length, last.Id, last.Region, last.Language, last.Time));
        Assert.Equal(lines[2].Words, last.Words);
        Assert.Same(last, decoded[2]);
        Assert.Equal(lines.Select(l => (l.Id, l.Language, l.Region, l.Words.Count, l.Time)), decoded.Select(l => (l.Id, l.Language, l.Region, l.Words.Count, l.Time)));
    }

    [Fact]
    public void Decode_LastLineCutShort_ReadsTheLinesBeforeItAndFailsOnlyWhenItIsAskedFor()
    {
        // The record's last bytes (the last line's last word box) are missing: lines are read only as far as asked,
        // so the lines before it serve their hits, and asking for the damaged one is invalid data, not a misread.
        var lines = Enumerable.Range(0, 3)
            .Select(i => new PageLine(i * 10, 9, $"https://example.org/line/{i}", new(i, 0, 9, 1), "en", [new(0, 4, new(i, 0, 4, 1)), new(5, 4, new(i + 5, 0, 4, 1))]))
            .ToArray();
        var encoded = Record("line zero\nline one.\nline two.", new PageLayout(100, 200, lines)).Encode();

        var decoded = Assert.IsType<EncodedPageLines>(PageRecord.Decode(encoded, 0, encoded.Length - 2).Layout.Lines);

        Assert.Equal(1, HitAssembler.FirstLineEndingAfter(decoded, 12));
        Assert.Equal(lines[1].Words, decoded[1].Words);
        Assert.Throws<InvalidDataException>(() => decoded.EndOf(2));
        Assert.Equal((10, 19), (decoded.StartOf(1), decoded.EndOf(1)));
        Assert.Equal(lines[0].Words, decoded[0].Words);
        Assert.Throws<InvalidDataException>(() => decoded[2]);
    }

    [Fact]
    public void FirstLineEndingAfter_EncodedLinesAnyOffsetInAnyOrder_IsTheFirstLineEndingAfterIt()
    {
        // Lines of random lengths and gaps; offsets asked for in random order, so some fall among the lines read
        // so far and some past them.
        var random = new Random(24);
        var lines = new List<PageLine>();
        var at = 0;
        for (var i = 0; i < 200; i++)
        {
            at += random.Next(3);
            var length = random.Next(1, 30);
            lines.Add(new PageLine(at, length, null, null, null, []));
            at += length;
        }

        var encoded = Record(new string('x', at), new PageLayout(null, null, lines)).Encode();
        var decoded = Assert.IsType<EncodedPageLines>(PageRecord.Decode(encoded).Layout.Lines);

        for (var trial = 0; trial < 1000; trial++)
        {
            var offset = random.Next(-2, at + 3);
            var expected = lines.FindIndex(l => l.End > offset) is var found and >= 0 ? found : lines.Count;
            Assert.Equal(expected, HitAssembler.FirstLineEndingAfter(decoded, offset));
        }
    }

    [Fact]
    public void Decode_LayoutCountingMoreLinesThanItsBytesHold_IsInvalidData()
    {
        // Version 1, a 1 x 1 canvas, then a count of 65,535 lines with no bytes after it.
        byte[] layout = [1, 1, 1, 0xFF, 0xFF, 0x03];

        Assert.Throws<InvalidDataException>(() => PageLayout.Decode(layout));
    }

    [Fact]
    public void Decode_LayoutOfFormat1_ReadsItsRegionsWithoutTimes()
    {
        // Format 1 (before times): version, a 100 x 120 canvas, two lines: "A bird" with a region (a boolean 1, then
        // x, y, w, h zig-zag encoded) and one word box, and "hand" without a region (a boolean 0) or words.
        byte[] layout = [1, 100, 120, 2, 0, 6, 0, 0, 1, 2, 4, 6, 8, 1, 0, 6, 2, 4, 6, 8, 7, 4, 0, 0, 0, 0];

        var lines = PageLayout.Decode(layout).Lines;

        Assert.Equal((0, 6, (Region?)new Region(1, 2, 3, 4), (TimeRange?)null), (lines[0].Start, lines[0].Length, lines[0].Region, lines[0].Time));
        Assert.Equal(new WordBox(0, 6, new Region(1, 2, 3, 4)), Assert.Single(lines[0].Words));
        Assert.Equal((7, 4, (Region?)null, (TimeRange?)null, 0), (lines[1].Start, lines[1].Length, lines[1].Region, lines[1].Time, lines[1].Words.Count));
    }

    /// <summary>A record of one canvas of one manifest, with <paramref name="text"/> laid out as <paramref name="layout"/>.</summary>
    private static PageRecord Record(string text, PageLayout layout) => new()
    {
        Text = text,
        Layout = layout,
        ManifestUri = "https://example.org/m",
        ManifestKey = "k",
        ManifestLabel = DemoInstitution.Map("en", "M"),
        CanvasId = "https://example.org/c",
        Motivation = "supplementing",
    };

    private static Document WithStoredFieldsInsteadOfRecord(Document doc)
    {
        var bytes = doc.GetField(FieldNames.Page).GetBinaryValue();
        var record = PageRecord.Decode(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
        doc.RemoveField(FieldNames.Page);
        doc.RemoveField(FieldNames.Text);
        var storedText = new FieldType(FieldTypes.TextWithOffsets) { IsStored = true };
        doc.Add(new Field(FieldNames.Text, record.Text, storedText));
        doc.Add(new StoredField(FieldNames.Lines, record.Layout.Encode()));
        doc.Add(new StoredField(FieldNames.ManifestKey, record.ManifestKey));
        doc.Add(new StoredField(FieldNames.ManifestLabel, LanguageMapJson.Serialize(record.ManifestLabel)));
        doc.Add(new StoredField(FieldNames.MotivationStored, record.Motivation));
        return doc;
    }
}
