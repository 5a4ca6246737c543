using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using IiifHarvester.Web.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class PacedBodyWriterTests
{
    [Fact]
    public async Task Write_AnswerOfManyParts_IsHandedOnWhileWritingAndArrivesWhole()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var paced = new PacedBodyWriter(pipe.Writer, CancellationToken.None);
        var (expected, flushedBeforeTheEnd) = WriteAnswer(paced, items: 4000, () => Readable(pipe.Reader));

        var received = ReadAllAsync(pipe.Reader);
        await paced.CompleteAsync();
        await pipe.Writer.CompleteAsync();

        Assert.True(expected.Length > 6 * PacedBodyWriter.FlushEvery, $"the answer is {expected.Length} bytes");
        Assert.True(paced.PartsFlushed >= expected.Length / PacedBodyWriter.FlushEvery - 1, $"{paced.PartsFlushed} parts flushed of {expected.Length} bytes");
        Assert.True(flushedBeforeTheEnd, "nothing reached the reader before the answer was complete");
        Assert.Equal(expected, Encoding.UTF8.GetString(await received));
    }

    [Fact]
    public async Task Write_ReaderThatDoesNotRead_NeverBlocksTheWriterAndAllArrivesOnceItReads()
    {
        // A client that reads nothing until the end: the pipe holds back flushes past 64 KiB, and writing goes on.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        var paced = new PacedBodyWriter(pipe.Writer, CancellationToken.None);
        var (expected, _) = WriteAnswer(paced, items: 4000, () => false);
        Assert.True(expected.Length > 4 * 64 * 1024);

        var received = ReadAllAsync(pipe.Reader);
        await paced.CompleteAsync();
        await pipe.Writer.CompleteAsync();

        Assert.Equal(expected, Encoding.UTF8.GetString(await received));
    }

    [Fact]
    public async Task Write_SmallAnswer_IsSentInOneFlushAtTheEnd()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var paced = new PacedBodyWriter(pipe.Writer, CancellationToken.None);
        var (expected, _) = WriteAnswer(paced, items: 10, () => false);

        Assert.False(pipe.Reader.TryRead(out _));
        await paced.CompleteAsync();
        await pipe.Writer.CompleteAsync();

        Assert.Equal(0, paced.PartsFlushed);
        Assert.Equal(expected, Encoding.UTF8.GetString(await ReadAllAsync(pipe.Reader)));
    }

    /// <summary>Writes a JSON array of <paramref name="items"/> objects; returns it and whether <paramref name="arrived"/> saw bytes meanwhile.</summary>
    private static (string Json, bool ArrivedWhileWriting) WriteAnswer(PacedBodyWriter output, int items, Func<bool> arrived)
    {
        var expected = new StringBuilder("[");
        var seen = false;
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartArray();
            for (var i = 0; i < items; i++)
            {
                var text = $"line {i} of a transcription, long enough to fill a few parts";
                writer.WriteStartObject();
                writer.WriteNumber("n", i);
                writer.WriteString("text", text);
                writer.WriteEndObject();
                expected.Append(i == 0 ? string.Empty : ",").Append("{\"n\":").Append(i).Append(",\"text\":\"").Append(text).Append("\"}");
                seen |= i % 100 == 0 && arrived();
            }

            writer.WriteEndArray();
        }

        return (expected.Append(']').ToString(), seen);
    }

    /// <summary>Whether flushed bytes wait in the pipe, looked at without consuming them.</summary>
    private static bool Readable(PipeReader reader)
    {
        if (!reader.TryRead(out var result))
        {
            return false;
        }

        reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return result.Buffer.Length > 0;
    }

    private static async Task<byte[]> ReadAllAsync(PipeReader reader)
    {
        using var all = new MemoryStream();
        await reader.CopyToAsync(all);
        return all.ToArray();
    }
}
