using IiifHarvester.Indexing.Store;
using Lucene.Net.Store;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Store;

public sealed class MappedDirectoryTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("iiif-mapped-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Read_WhatLuceneWrote_ReadsTheSameValues()
    {
        using var directory = new MappedDirectory(_folder);
        using (var output = directory.CreateOutput("values", IOContext.DEFAULT))
        {
            output.WriteByte(7);
            output.WriteInt16(-2);
            output.WriteInt32(123456789);
            output.WriteInt64(-9876543210L);
            output.WriteVInt32(300);
            output.WriteString("東京 and Łódź");
            output.WriteBytes([1, 2, 3, 4, 5], 5);
        }

        using var input = directory.OpenInput("values", IOContext.DEFAULT);
        Assert.Equal(7, input.ReadByte());
        Assert.Equal(-2, input.ReadInt16());
        Assert.Equal(123456789, input.ReadInt32());
        Assert.Equal(-9876543210L, input.ReadInt64());
        Assert.Equal(300, input.ReadVInt32());
        Assert.Equal("東京 and Łódź", input.ReadString());
        var bytes = new byte[7];
        input.ReadBytes(bytes, 1, 5);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 0 }, bytes);
        Assert.Equal(input.Length, input.Position);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Fact]
    public void Clone_KeepsItsOwnPosition_AndFailsClearlyOnceTheFileIsClosed()
    {
        using var directory = new MappedDirectory(_folder);
        Write(directory, "data", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var input = directory.OpenInput("data", IOContext.DEFAULT);
        input.Seek(10);

        var clone = (IndexInput)input.Clone();
        Assert.Equal(10, clone.Position);
        Assert.Equal(10, clone.ReadByte());
        Assert.Equal(10, input.ReadByte());
        clone.Seek(50);
        Assert.Equal(50, clone.ReadByte());
        Assert.Equal(11, input.ReadByte());
        Assert.Throws<EndOfStreamException>(() => clone.Seek(101));

        input.Dispose();
        Assert.Throws<ObjectDisposedException>(() => clone.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => clone.ReadBytes(new byte[4], 0, 4));
        Assert.Throws<ObjectDisposedException>(() => clone.Seek(0));
    }

    [Fact]
    public void Slice_ReadsOnlyItsWindow_AsACompoundFilePartIs()
    {
        using var directory = new MappedDirectory(_folder);
        Write(directory, "compound", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());

        using var slicer = directory.CreateSlicer("compound", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("part", 20, 10);
        Assert.Equal(10, slice.Length);
        Assert.Equal(20, slice.ReadByte());
        slice.Seek(9);
        Assert.Equal(29, slice.ReadByte());
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        Assert.Throws<EndOfStreamException>(() => slice.ReadBytes(new byte[2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => slicer.OpenSlice("outside", 95, 10));
    }

    [Fact]
    public void Open_EmptyFile_HasNothingToRead()
    {
        using var directory = new MappedDirectory(_folder);
        Write(directory, "empty", []);

        using var input = directory.OpenInput("empty", IOContext.DEFAULT);
        Assert.Equal(0, input.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    private static void Write(MappedDirectory directory, string name, byte[] bytes)
    {
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(bytes, bytes.Length);
    }
}
