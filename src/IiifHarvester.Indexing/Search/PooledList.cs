using System.Buffers;
using System.Collections;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// A list of values in an array rented from the shared pool, given back by <see cref="Dispose"/>. A broad search
/// collects a hundred thousand document numbers (and scores) for one request; in lists they grew by doubling on the
/// large object heap, and those allocations were what started the gen2 collections the catalog's slowest requests
/// waited on. Nothing may hold the list after it is disposed.
/// </summary>
internal sealed class PooledList<T> : IReadOnlyList<T>, IDisposable
    where T : unmanaged, IComparable<T>
{
    private T[] _items = [];

    public int Count { get; private set; }

    public T this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(Math.Max(256, _items.Length * 2));
            _items.AsSpan(0, Count).CopyTo(bigger);
            GiveBack();
            _items = bigger;
        }

        _items[Count++] = item;
    }

    /// <summary>The index of <paramref name="item"/> in the list, which must be ascending; negative when absent, as <see cref="List{T}.BinarySearch(T)"/>.</summary>
    public int BinarySearch(T item) => _items.AsSpan(0, Count).BinarySearch(item);

    public void Dispose()
    {
        GiveBack();
        _items = [];
        Count = 0;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void GiveBack()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items);
        }
    }
}
