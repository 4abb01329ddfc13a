using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>
/// Reads an embedded pod with only the fields the pod rules, the mutator and the VM sizer read; every other
/// member (env, probes, ports, volume mounts, status, managed fields, owner references, ...) is skipped
/// unparsed. Skipping is what makes a pod cheap to read: most of a pod's JSON is fields no isolation decision
/// looks at. The types are the Kubernetes client's own, so the rules are the same code for a pod read here and
/// one built in a test; the members below are the contract. A property named twice is refused. Adding a rule
/// that reads another pod field means adding it here (the differential tests in
/// <c>AdmissionPodJsonTests</c> fail otherwise).
/// </summary>
internal static class AdmissionPodJson
{
    /// <summary>The JSON members kept, per type; types not listed keep every member (security contexts, volumes, affinity, tolerations, resources).</summary>
    public static IReadOnlyDictionary<Type, FrozenSet<string>> ReadMembers { get; } = new Dictionary<Type, FrozenSet<string>>
    {
        [typeof(V1Pod)] = Set("metadata", "spec"),
        [typeof(V1ObjectMeta)] = Set("name", "namespace", "labels", "annotations"),
        [typeof(V1PodSpec)] = Set(
            "containers",
            "initContainers",
            "ephemeralContainers",
            "securityContext",
            "hostNetwork",
            "hostPID",
            "hostIPC",
            "hostUsers",
            "volumes",
            "runtimeClassName",
            "nodeName",
            "os",
            "nodeSelector",
            "tolerations",
            "affinity",
            "overhead"),
        [typeof(V1Container)] = Set("name", "image", "securityContext", "resources"),
        [typeof(V1EphemeralContainer)] = Set("name", "image", "securityContext", "resources"),
    }.ToFrozenDictionary();

    private static readonly JsonTypeInfo<V1Pod> Pod = (JsonTypeInfo<V1Pod>)AdmissionObjectJson.Create(KeepReadMembers).GetTypeInfo(typeof(V1Pod));

    /// <summary>Deserializes a pod; throws like the serializer does (a bad quantity, a wrong type, a property named twice).</summary>
    public static V1Pod? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Pod);

    private static FrozenSet<string> Set(params string[] members) => members.ToFrozenSet(StringComparer.Ordinal);

    private static void KeepReadMembers(JsonTypeInfo typeInfo)
    {
        if (!ReadMembers.TryGetValue(typeInfo.Type, out var kept))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (!kept.Contains(typeInfo.Properties[i].Name))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
