using System.Collections.Concurrent;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Json;

/// <summary>
/// <see cref="ResourceQuantity"/> parsed once per text: the client parses a quantity into an exact fraction (big
/// integers), a few microseconds each, and tenants send the same few amounts (<c>500m</c>, <c>1Gi</c>) over and over.
/// A quantity exposes no way to change it, so one instance is shared by every pod that names the amount. Bounded, so a
/// flood of distinct amounts cannot grow it without limit; a text that does not parse is not remembered and throws
/// the client's own exception each time. One instance per reader owner, like <see cref="InternedStrings"/>.
/// </summary>
internal sealed class ParsedQuantities
{
    private const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, ResourceQuantity> cache = new(StringComparer.Ordinal);

    /// <summary>The same as <c>new ResourceQuantity(text)</c>.</summary>
    public ResourceQuantity Parse(string text)
    {
        if (cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var parsed = new ResourceQuantity(text);
        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        cache.TryAdd(text, parsed);
        return parsed;
    }
}
