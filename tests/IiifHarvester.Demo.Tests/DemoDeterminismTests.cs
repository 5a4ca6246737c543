using System.Security.Cryptography;
using Xunit;

namespace IiifHarvester.Demo.Tests;

/// <summary>The demo is the same in every process for a given seed and size.</summary>
public sealed class DemoDeterminismTests
{
    /// <summary>
    /// The SHA-256 of every document of a 40-manifest demo with seed 7. It was computed in another process, so a
    /// per-process seed (HashCode, string hashing) makes this test fail. A change meant to alter the demo's
    /// documents updates it.
    /// </summary>
    private const string PinnedDigest = "1d3933ae3922eed51996ec9c6cde75456787e3c68abbccbb98f2577e3d9862ca";

    [Fact]
    public void Documents_SameSeedAndSize_AreTheSameBytesAsInAnotherProcess()
    {
        var digest = Digest(Generate(seed: 7));

        Assert.True(digest == PinnedDigest, $"The demo's documents hash to {digest}, not {PinnedDigest}.");
    }

    [Fact]
    public void Documents_TwoGenerations_AreIdenticalAndADifferentSeedDiffers()
    {
        var first = Generate(seed: 7);
        var second = Generate(seed: 7);
        var other = Generate(seed: 8);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.True(first[i].AsSpan().SequenceEqual(second[i]), $"document {i} differs between two generations");
        }

        Assert.NotEqual(Digest(first), Digest(other));
    }

    private static List<byte[]> Generate(int seed)
    {
        var institution = new DemoInstitution(new DemoInstitutionOptions { Manifests = 40, Seed = seed }, "http://127.0.0.1:5000/demo");
        var documents = new DemoDocuments(institution);
        var all = new List<byte[]> { documents.TopCollection(), documents.Stream() };
        for (var i = 0; i < institution.ManifestCount; i++)
        {
            all.Add(documents.Manifest(i) ?? []);
            for (var canvas = 0; canvas < 4; canvas++)
            {
                all.Add(documents.Annotations(i, canvas) ?? []);
            }
        }

        for (var leaf = 0; leaf < institution.LeafCollections; leaf++)
        {
            all.Add(documents.Leaf(leaf) ?? []);
        }

        for (var page = 0; documents.StreamPage(page) is { } bytes; page++)
        {
            all.Add(bytes);
        }

        return all;
    }

    private static string Digest(List<byte[]> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
        {
            hash.AppendData(BitConverter.GetBytes(document.Length));
            hash.AppendData(document);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
