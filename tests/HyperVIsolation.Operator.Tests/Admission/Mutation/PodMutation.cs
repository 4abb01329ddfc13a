using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Json;
using HyperVIsolation.Operator.Admission.Mutation;
using HyperVIsolation.Operator.Tests.Admission.Pods;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Admission.Mutation;

/// <summary>The mutator's patch for a full pod, and the pod it produces (applied by the local API server's JSON Patch).</summary>
/// <param name="Original">The pod as admitted.</param>
/// <param name="Operations">The RFC 6902 operations; empty when the pod already conforms.</param>
internal sealed record PodMutation(V1Pod Original, IReadOnlyList<JsonPatchOperation> Operations)
{
    /// <summary>Mutates <paramref name="pod"/> through its admission projection, as the webhook does.</summary>
    public static PodMutation Of(V1Pod pod, PodMutationContext context) =>
        new(pod, PodIsolationMutator.Mutate(AdmissionPodProjection.From(pod), context));

    /// <summary>The pod after the patch, as the API server would store it.</summary>
    public V1Pod MutatedPod()
    {
        var document = JsonNode.Parse(KubernetesJson.Serialize(Original));
        var patch = JsonNode.Parse(JsonPatchOperation.Serialize(Operations));
        return KubernetesJson.Deserialize<V1Pod>(JsonPatch.Apply(document, patch)!.ToJsonString());
    }
}
