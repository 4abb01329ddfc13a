using k8s;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Cache;

/// <summary>Common tests of whether an update matters to a controller (the <c>updateMatters</c> of a watch).</summary>
public static class UpdatePredicates
{
    /// <summary>Whether the object's labels differ (added, removed or changed keys).</summary>
    public static bool LabelsChanged(IKubernetesObject<V1ObjectMeta> before, IKubernetesObject<V1ObjectMeta> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return !SameEntries(before.Metadata?.Labels, after.Metadata?.Labels);
    }

    /// <summary>Whether two string maps hold the same entries; a missing map is an empty one.</summary>
    public static bool SameEntries(IDictionary<string, string>? left, IDictionary<string, string>? right)
    {
        left ??= new Dictionary<string, string>();
        right ??= new Dictionary<string, string>();
        return left.Count == right.Count && left.All(entry => right.TryGetValue(entry.Key, out var value) && value == entry.Value);
    }
}
