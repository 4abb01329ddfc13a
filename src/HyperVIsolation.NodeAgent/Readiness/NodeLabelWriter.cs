using System.Text.Json.Nodes;
using HyperVIsolation.Api;
using k8s;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Readiness;

/// <summary>Sets or removes the node's <c>isolation.hyperv.dev/ready</c> label with a merge patch, the agent's only write to its Node.</summary>
/// <param name="client">The client.</param>
public sealed class NodeLabelWriter(IKubernetes client)
{
    /// <summary>The field manager of the agent's writes.</summary>
    public const string FieldManager = "hyperv-isolation-node-agent";

    /// <summary>Whether <paramref name="node"/> carries <c>isolation.hyperv.dev/ready=true</c>.</summary>
    public static bool IsLabelledReady(V1Node node) =>
        node?.Metadata?.Labels?.TryGetValue(WellKnownLabels.NodeReady, out var value) == true && value == "true";

    /// <summary>Labels <paramref name="node"/> ready, or removes the label; writes nothing when the label already says so.</summary>
    /// <returns>Whether a write was made.</returns>
    public async Task<bool> SetReadyAsync(V1Node node, bool ready, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (ready ? IsLabelledReady(node) : node.Metadata?.Labels?.ContainsKey(WellKnownLabels.NodeReady) != true)
        {
            return false;
        }

        // A merge patch's null deletes the key; nothing else on the node is touched.
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [WellKnownLabels.NodeReady] = ready ? "true" : null } } };
        await client.CoreV1.PatchNodeAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), node.Metadata!.Name, fieldManager: FieldManager, cancellationToken: cancellationToken);
        return true;
    }
}
