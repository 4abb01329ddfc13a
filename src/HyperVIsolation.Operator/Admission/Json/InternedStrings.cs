using System.Collections.Concurrent;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// One string per short UTF-8 text that recurs across admission requests: label and annotation keys and values,
/// images, resource names, tolerations, the envelope's kinds and versions. Strings were 40 % of what reading a
/// review allocated, and nearly all of them repeat from one request to the next. Bounded: when full it is emptied
/// and fills again, so a flood of distinct values costs speed, never memory. Values unique to one request (uids,
/// names) are not offered to it. One instance per reader owner (the webhook's one, each test its own), so no test
/// sees another's table.
/// </summary>
internal sealed class InternedStrings
{
    /// <summary>Longer texts are not kept: they rarely recur and would crowd out those that do.</summary>
    public const int MaxLength = 128;

    /// <summary>The most texts kept before the table is emptied.</summary>
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<byte[], string> strings;
    private readonly ConcurrentDictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> byUtf8;
    private int added;

    /// <summary>An empty table.</summary>
    public InternedStrings()
    {
        strings = new ConcurrentDictionary<byte[], string>(Utf8Comparer.Instance);
        byUtf8 = strings.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The string kept for <paramref name="utf8"/>, when there is one.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string value) => byUtf8.TryGetValue(utf8, out value!);

    /// <summary>Keeps <paramref name="value"/>, the already validated decoding of <paramref name="utf8"/>.</summary>
    public void Add(ReadOnlySpan<byte> utf8, string value)
    {
        if (utf8.Length > MaxLength)
        {
            return;
        }

        // Counted here rather than with strings.Count, which takes every lock of the dictionary: a request that carries
        // a value not seen before (a generated label, a new image) adds on its path. Races only make the count approximate.
        if (Interlocked.Increment(ref added) > Capacity)
        {
            strings.Clear();
            Interlocked.Exchange(ref added, 1);
        }

        byUtf8.TryAdd(utf8, value);
    }

    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        // HashCode is seeded per process, so requests cannot be crafted to collide.
        private static int Hash(ReadOnlySpan<byte> utf8)
        {
            var hash = default(HashCode);
            hash.AddBytes(utf8);
            return hash.ToHashCode();
        }
    }
}
