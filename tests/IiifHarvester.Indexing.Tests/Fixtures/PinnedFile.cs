using Xunit;

namespace IiifHarvester.Indexing.Tests.Fixtures;

/// <summary>
/// A file of answers checked in beside a test: the test fails where today's answers differ from it, naming the first
/// line that differs and writing the whole of today's beside it (<c>.received.txt</c>). Run with
/// <c>PINNED_ANSWERS_UPDATE=1</c> to write today's answers into it instead, and review the diff.
/// </summary>
internal static class PinnedFile
{
    public static void AssertMatches(string path, string actual)
    {
        var expected = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (Environment.GetEnvironmentVariable("PINNED_ANSWERS_UPDATE") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        if (expected != actual)
        {
            var received = Path.ChangeExtension(path, ".received.txt");
            File.WriteAllText(received, actual);
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length))
                .FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail(
                $"Answers differ from {path} at line {first + 1} (whole answer written to {received}):\n" +
                $"  pinned: {expectedLines.ElementAtOrDefault(first)}\n  now:    {actualLines.ElementAtOrDefault(first)}");
        }
    }
}
