using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>Starting the real agents against a simulated cluster with short intervals, and waiting on what they write.</summary>
internal static class NodeAgentTestRuns
{
    public static Task<SimulatedNodeAgents> StartAgentsAsync(SimulatedClusterFixture cluster) =>
        SimulatedNodeAgents.StartAsync(
            cluster.Cluster,
            cluster.Server.CreateClient,
            configure: options => options with { RetryInterval = TimeSpan.FromMilliseconds(200), ResyncInterval = TimeSpan.FromMilliseconds(300) });

    public static async Task<bool> HasEventAsync(Kubernetes client, string node, string reason) =>
        (await client.CoreV1.ListEventForAllNamespacesAsync()).Items.Any(e => e.InvolvedObject.Name == node && e.Reason == reason);

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
