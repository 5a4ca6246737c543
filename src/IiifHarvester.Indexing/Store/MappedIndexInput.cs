using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace IiifHarvester.Indexing.Store;

/// <summary>
/// A file (or a slice of one) read straight from its memory map: a read is a bounds check and a copy. Clones and
/// slices share the mapping and keep only their own window and position; the input that opened the file owns the
/// mapping and releases it when disposed, after which every input over it throws <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed unsafe class MappedIndexInput : IndexInput
{
    private readonly Mapping _mapping;
    private readonly long _start;
    private readonly long _length;
    private readonly bool _owner;
    private long _position;

    private MappedIndexInput(string description, Mapping mapping, long start, long length, bool owner)
        : base(description)
    {
        _mapping = mapping;
        _start = start;
        _length = length;
        _owner = owner;
    }

    public override long Length => _length;

    public override long Position => _position;

    public static MappedIndexInput Open(string path)
    {
        var mapping = Mapping.Of(path);
        return new MappedIndexInput($"MappedIndexInput(path=\"{path}\")", mapping, 0, mapping.Length, owner: true);
    }

    /// <summary>A window of this input's file, sharing its mapping (released by this input, not the slice).</summary>
    public MappedIndexInput Slice(string description, long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > _length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"The slice [{offset}, {offset + length}) lies outside {this} of {_length} bytes.");
        }

        return new MappedIndexInput($"{this} [slice={description}]", _mapping, _start + offset, length, owner: false);
    }

    public override object Clone() =>
        new MappedIndexInput(ToString()!, _mapping, _start, _length, owner: false) { _position = _position };

    public override byte ReadByte()
    {
        if (_position >= _length)
        {
            throw new EndOfStreamException($"Read past the end of {this}.");
        }

        return _mapping.Pointer[_start + _position++];
    }

    public override void ReadBytes(byte[] b, int offset, int len)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (len > _length - _position)
        {
            throw new EndOfStreamException($"Read of {len} bytes past the end of {this}.");
        }

        new ReadOnlySpan<byte>(_mapping.Pointer + _start + _position, len).CopyTo(b.AsSpan(offset, len));
        _position += len;
    }

    public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short)));

    public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));

    public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));

    public override void Seek(long pos)
    {
        if (pos < 0 || pos > _length)
        {
            throw new EndOfStreamException($"Seek to {pos} outside {this} of {_length} bytes.");
        }

        _ = _mapping.Pointer;
        _position = pos;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _owner)
        {
            _mapping.Dispose();
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _length - _position)
        {
            throw new EndOfStreamException($"Read past the end of {this}.");
        }

        var span = new ReadOnlySpan<byte>(_mapping.Pointer + _start + _position, count);
        _position += count;
        return span;
    }

    /// <summary>A file's read-only mapping and the pointer to its first byte, shared by every input over it.</summary>
    private sealed class Mapping : IDisposable
    {
        private readonly MemoryMappedFile? _file;
        private readonly MemoryMappedViewAccessor? _view;
        private readonly string _path;
        private byte* _pointer;
        private volatile bool _disposed;

        private Mapping(string path, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view)
        {
            _path = path;
            Length = length;
            _file = file;
            _view = view;
            if (view is not null)
            {
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                _pointer = pointer + view.PointerOffset;
            }
        }

        public long Length { get; }

        /// <summary>The first byte; throws once the mapping is released, so no input reads unmapped memory.</summary>
        public byte* Pointer => _disposed ? throw new ObjectDisposedException(_path, "The index file was closed.") : _pointer;

        public static Mapping Of(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            MemoryMappedFile? file = null;
            try
            {
                var length = stream.Length;
                if (length == 0)
                {
                    // A file of no bytes cannot be mapped; it has nothing to read either.
                    stream.Dispose();
                    return new Mapping(path, 0, null, null);
                }

                // The map owns the stream from here (leaveOpen: false) and closes it when disposed.
                file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
                return new Mapping(path, length, file, file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read));
            }
            catch
            {
                file?.Dispose();
                stream.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_view is not null)
            {
                _pointer = null;
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
            }

            _file?.Dispose();
        }
    }
}
