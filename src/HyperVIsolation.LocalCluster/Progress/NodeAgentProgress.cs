using HyperVIsolation.Api;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using k8s;

namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>Waits for the node agents to earn their nodes' readiness and says what they did.</summary>
internal static class NodeAgentProgress
{
    /// <summary>Waits (at most <paramref name="timeout"/>) until every node with Hyper-V is labelled ready; describes which nodes the agents had to configure.</summary>
    public static async Task<string> DescribeAsync(
        IKubernetes client, SimulatedNodeCluster nodes, SimulatedNodeAgents agents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = nodes.Nodes.Count(node => node.Group.HyperVEnabled);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var ready = 0;
        while (true)
        {
            var listed = await client.CoreV1.ListNodeAsync(labelSelector: WellKnownLabels.NodeReady + "=true", cancellationToken: cancellationToken);
            ready = listed.Items.Count;
            if (ready >= expected || DateTimeOffset.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        var configured = agents.Containerd.Where(pair => pair.Value.Restarts > 0).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        var what = configured.Count == 0
            ? "every node's containerd was already configured"
            : $"wrote the Hyper-V drop-in and restarted containerd on {string.Join(", ", configured)}";
        return $"{ready}/{nodes.Nodes.Count} nodes verified and labelled {WellKnownLabels.NodeReady}=true by their agents; {what}";
    }
}
