using System.Text;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Uninstall;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The agent's uninstall against a node it configured: everything it changed is given back.</summary>
public sealed class NodeAgentUninstallTests
{
    [Fact]
    public async Task Uninstall_NodeTheAgentConfigured_RestoresTheFileByteForByteAndClearsTheNode()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("bare", "10.0.20348", allowList: false));
        var node = cluster.Cluster.Nodes[0];
        var original = Encoding.UTF8.GetBytes("# hand edited, CRLF   \r\n" + (await File.ReadAllTextAsync(node.ContainerdConfigPath)).ReplaceLineEndings("\r\n") + "\t# trailing comment");
        await File.WriteAllBytesAsync(node.ContainerdConfigPath, original);
        var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await HasVmsAsync(cluster.Client, node.Name) && await LabelledAsync(cluster.Client, node.Name), "configured, labelled and advertised");
        (await File.ReadAllBytesAsync(node.ContainerdConfigPath)).Should().NotEqual(original, "the agent imported its drop-in");
        await agents.DisposeAsync();
        var containerd = new SimulatedContainerdService(node, TimeSpan.FromMilliseconds(100));

        var report = await SimulatedNodeAgents.UninstallAsync(node, cluster.Client, containerd);

        report.Should().Be(new UninstallReport(NodeFound: true, LabelRemoved: true, CapacityRemoved: true, ConfigRestoreKind.Exact, DropInRemoved: true, ContainerdRestarted: true));
        (await File.ReadAllBytesAsync(node.ContainerdConfigPath)).Should().Equal(original);
        File.Exists(Path.Combine(node.Directory, HyperVHandlerDropIn.FileName)).Should().BeFalse();
        File.Exists(ContainerdInstallRecord.PathFor(node.ContainerdConfigPath)).Should().BeFalse();
        containerd.Restarts.Should().Be(1);
        var cleared = await cluster.Client.CoreV1.ReadNodeAsync(node.Name);
        cleared.Metadata.Labels.Should().NotContainKey(WellKnownLabels.NodeReady);
        cleared.Status.Capacity.Should().NotContainKey(WellKnownResources.HyperVVm);
        cleared.Status.Allocatable.Should().NotContainKey(WellKnownResources.HyperVVm);
    }

    [Fact]
    public async Task Uninstall_Twice_SecondRunChangesNothingAndDoesNotRestartContainerd()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("bare", "10.0.20348", allowList: false));
        var node = cluster.Cluster.Nodes[0];
        var original = await File.ReadAllBytesAsync(node.ContainerdConfigPath);
        await using (var agents = await AgentTestSupport.StartAgentsAsync(cluster))
        {
            await AgentTestSupport.WaitUntilAsync(() => LabelledAsync(cluster.Client, node.Name), "configured and labelled");
        }

        var containerd = new SimulatedContainerdService(node, TimeSpan.FromMilliseconds(100));
        await SimulatedNodeAgents.UninstallAsync(node, cluster.Client, containerd);

        var again = await SimulatedNodeAgents.UninstallAsync(node, cluster.Client, containerd);

        again.Should().Be(new UninstallReport(NodeFound: true, LabelRemoved: false, CapacityRemoved: false, ConfigRestoreKind.Untouched, DropInRemoved: false, ContainerdRestarted: false));
        containerd.Restarts.Should().Be(1, "only the first run changed a file");
        (await File.ReadAllBytesAsync(node.ContainerdConfigPath)).Should().Equal(original);
    }

    private static async Task<bool> HasVmsAsync(Kubernetes client, string node) =>
        (await client.CoreV1.ReadNodeAsync(node)).Status.Capacity?.ContainsKey(WellKnownResources.HyperVVm) == true;

    private static async Task<bool> LabelledAsync(Kubernetes client, string node) =>
        (await client.CoreV1.ReadNodeAsync(node)).Metadata.Labels?.ContainsKey(WellKnownLabels.NodeReady) == true;
}
