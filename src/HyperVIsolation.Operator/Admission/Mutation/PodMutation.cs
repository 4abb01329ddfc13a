using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>The mutator's result: the patch, and (computed on demand, for tests) the pod it produces.</summary>
/// <param name="Original">The pod as admitted.</param>
/// <param name="Operations">The RFC 6902 operations; empty when the pod already conforms.</param>
internal sealed record PodMutation(V1Pod Original, IReadOnlyList<JsonPatchOperation> Operations)
{
    /// <summary>The pod after the patch, as the API server would store it.</summary>
    public V1Pod MutatedPod()
    {
        var document = JsonNode.Parse(KubernetesJson.Serialize(Original))!;
        var patched = JsonPatchApplier.Apply(document, Operations);
        return KubernetesJson.Deserialize<V1Pod>(patched.ToJsonString());
    }
}
