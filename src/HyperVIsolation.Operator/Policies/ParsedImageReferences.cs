using System.Collections.Concurrent;

namespace HyperVIsolation.Operator.Policies;

/// <summary>
/// <see cref="ImageReference.Parse"/> remembered per image string: tenants submit the same few images over
/// and over, and the regular expression is the costliest step of the image rules. Bounded, so a flood of
/// distinct names cannot grow it without limit; the parsed references are immutable and safe to share.
/// </summary>
internal static class ParsedImageReferences
{
    private const int Capacity = 4096;

    // Null results (not a reference) are remembered too; a wrapper keeps them apart from "not cached".
    private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);

    /// <summary>The same as <see cref="ImageReference.Parse"/>.</summary>
    public static ImageReference? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        if (Cache.TryGetValue(reference, out var cached))
        {
            return cached.Reference;
        }

        var parsed = ImageReference.Parse(reference);
        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        Cache.TryAdd(reference, new Entry(parsed));
        return parsed;
    }

    private sealed record Entry(ImageReference? Reference);
}
