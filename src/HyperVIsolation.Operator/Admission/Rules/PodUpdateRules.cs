using HyperVIsolation.Operator.Admission.Pods;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// UPDATE rules: the fields that place a pod in its VM or open it to the host may not change
/// after CREATE (most are immutable in the API anyway; this also covers the mutable ones, such
/// as added tolerations and io.microsoft.* annotations), and containers that an UPDATE adds or
/// changes (ephemeral containers, new images) pass the container rules like on CREATE.
/// </summary>
internal static class PodUpdateRules
{
    private static readonly AdmissionPodSpec NoSpec = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /// <summary>Checks what changed between <paramref name="oldPod"/> and <paramref name="pod"/>.</summary>
    public static void Evaluate(AdmissionPod oldPod, AdmissionPod pod, ViolationCollector violations)
    {
        foreach (var (field, oldValue, newValue) in IsolationFields(oldPod, pod))
        {
            if (!SameJson(oldValue, newValue))
            {
                violations.Add(field, RuleIds.ImmutableField, $"{field} affects the pod's isolation and may not change after the pod is created; delete and re-create the pod instead");
            }
        }

        var changed = ChangedContainers(oldPod, pod);
        HostAccessRules.EvaluateContainers(changed, violations);
        ImageRules.Evaluate(changed, violations);
    }

    /// <summary>Containers that are new or whose image or security context differ from the stored pod.</summary>
    public static IReadOnlyList<PodContainer> ChangedContainers(AdmissionPod oldPod, AdmissionPod pod)
    {
        var before = PodContainer.AllOf(oldPod.Spec).ToDictionary(container => (container.List, container.Index));
        return PodContainer.AllOf(pod.Spec)
            .Where(container => !before.TryGetValue((container.List, container.Index), out var old)
                || old.Image != container.Image
                || old.Name != container.Name
                || !SameJson(old.SecurityContext, container.SecurityContext))
            .ToList();
    }

    private static IEnumerable<(string Field, object? Old, object? New)> IsolationFields(AdmissionPod oldPod, AdmissionPod pod)
    {
        var o = oldPod.Spec ?? NoSpec;
        var n = pod.Spec ?? NoSpec;
        yield return ("metadata.annotations[io.microsoft.*]", MicrosoftAnnotations(oldPod), MicrosoftAnnotations(pod));
        yield return ("spec.runtimeClassName", o.RuntimeClassName, n.RuntimeClassName);
        yield return ("spec.nodeName", o.NodeName, n.NodeName);
        yield return ("spec.nodeSelector", o.NodeSelector, n.NodeSelector);
        yield return ("spec.affinity", o.Affinity, n.Affinity);
        yield return ("spec.tolerations", o.Tolerations, n.Tolerations);
        yield return ("spec.securityContext", o.SecurityContext, n.SecurityContext);
        yield return ("spec.hostNetwork", o.HostNetwork ?? false, n.HostNetwork ?? false);
        yield return ("spec.hostPID", o.HostPID ?? false, n.HostPID ?? false);
        yield return ("spec.hostIPC", o.HostIPC ?? false, n.HostIPC ?? false);
        yield return ("spec.hostUsers", o.HostUsers, n.HostUsers);
        yield return ("spec.volumes", o.Volumes, n.Volumes);
        yield return ("spec.os", o.Os, n.Os);
        yield return ("spec.overhead", o.Overhead, n.Overhead);
        foreach (var field in ContainerSecurityContexts(o, n))
        {
            yield return field;
        }
    }

    private static IEnumerable<(string Field, object? Old, object? New)> ContainerSecurityContexts(AdmissionPodSpec o, AdmissionPodSpec n)
    {
        // Ephemeral containers are checked as changed containers: adding one is their purpose.
        var before = PodContainer.AllOf(o).Where(container => container.List != PodContainer.EphemeralContainers).ToList();
        var after = PodContainer.AllOf(n).Where(container => container.List != PodContainer.EphemeralContainers).ToList();
        yield return ("spec.containers", before.Count, after.Count);
        foreach (var (old, current) in before.Zip(after))
        {
            yield return ($"{current.FieldPath}.securityContext", old.SecurityContext, current.SecurityContext);
        }
    }

    private static SortedDictionary<string, string> MicrosoftAnnotations(AdmissionPod pod) => new(
        (pod.Metadata?.Annotations ?? new Dictionary<string, string>())
            .Where(entry => ExpectedPodAnnotations.IsMicrosoftKey(entry.Key))
            .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal),
        StringComparer.Ordinal);

    /// <summary>
    /// Whether the two values serialize to the same JSON. Strings, booleans, counts and string maps are compared
    /// directly, which says the same (a map's JSON lists its entries in enumeration order, so the order counts too);
    /// anything else is serialized.
    /// </summary>
    private static bool SameJson(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string l, string r) => string.Equals(l, r, StringComparison.Ordinal),
        (bool l, bool r) => l == r,
        (int l, int r) => l == r,
        (AdmissionPodOs l, AdmissionPodOs r) => l == r,
        (IDictionary<string, string> l, IDictionary<string, string> r) => SameEntries(l, r),
        _ => string.Equals(KubernetesJson.Serialize(left), KubernetesJson.Serialize(right), StringComparison.Ordinal),
    };

    private static bool SameEntries(IDictionary<string, string> left, IDictionary<string, string> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        using var rightEntries = right.GetEnumerator();
        foreach (var (key, value) in left)
        {
            if (!rightEntries.MoveNext()
                || !string.Equals(key, rightEntries.Current.Key, StringComparison.Ordinal)
                || !string.Equals(value, rightEntries.Current.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
