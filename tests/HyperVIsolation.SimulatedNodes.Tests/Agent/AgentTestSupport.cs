using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>Starts the real node agents with short intervals, and waits for what they write.</summary>
internal static class AgentTestSupport
{
    public static Task<SimulatedNodeAgents> StartAgentsAsync(SimulatedClusterFixture cluster) =>
        SimulatedNodeAgents.StartAsync(
            cluster.Cluster,
            cluster.Server.CreateClient,
            configure: options => options with { RetryInterval = TimeSpan.FromMilliseconds(200), ResyncInterval = TimeSpan.FromMilliseconds(300) });

    // Events are written in the background by the agent's recorder: wait for them, never read them once.
    public static async Task<bool> HasEventAsync(Kubernetes client, string involvedObject, string reason) =>
        (await client.CoreV1.ListEventForAllNamespacesAsync()).Items.Any(e => e.InvolvedObject.Name == involvedObject && e.Reason == reason);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting: " + because);
            }

            await Task.Delay(100);
        }
    }
}
