using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The real node agent against simulated nodes and the local API server: the ready label is earned, never given.</summary>
public sealed class NodeAgentReadinessTests
{
    [Fact]
    public async Task Agent_NodeWithoutTheAllowList_WritesTheDropInRestartsContainerdAndLabelsTheNode()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("bare", "10.0.20348", allowList: false));
        var node = cluster.Cluster.Nodes[0];
        (await LabelAsync(cluster.Client, node.Name)).Should().BeNull("no agent has verified the node yet");

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "the agent labels the node once containerd is configured");
        var config = await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, CancellationToken.None);
        config.Imports.Should().Contain(HyperVHandlerDropIn.FileName);
        config.TryGetHandler(HyperVHandlerDropIn.BaseHandlerName, out var handler).Should().BeTrue();
        handler.PodAnnotations.Should().Contain(HcsAnnotations.DisableUnsafeOperations);
        agents.Containerd[node.Name].Restarts.Should().Be(1, "containerd restarts once, when the files changed");
    }

    [Fact]
    public async Task Agent_ConfiguredNode_LabelsWithoutRestartingContainerd()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.26100"));
        var node = cluster.Cluster.Nodes[0];
        var before = await File.ReadAllTextAsync(node.ContainerdConfigPath);

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "a configured node is verified and labelled");
        agents.Containerd[node.Name].Restarts.Should().Be(0);
        (await File.ReadAllTextAsync(node.ContainerdConfigPath)).Should().Be(before, "nothing to change means nothing written");
    }

    [Fact]
    public async Task Agent_HostWithoutHyperV_NeverLabelsTheNode()
    {
        var group = SimulatedClusterFixture.Group("nohv", "10.0.20348") with { HyperVEnabled = false };
        await using var cluster = await SimulatedClusterFixture.StartAsync(group);
        var node = cluster.Cluster.Nodes[0];

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(async () => await AgentTestSupport.HasEventAsync(cluster.Client, node.Name, "HyperVMissing") || await LabelAsync(cluster.Client, node.Name) is not null, "the agent looked at the node");
        (await LabelAsync(cluster.Client, node.Name)).Should().BeNull();
        agents.Containerd[node.Name].Restarts.Should().Be(0, "nothing is configured on a host that cannot run the pods");
    }

    [Fact]
    public async Task Agent_LabelRemovedByHand_PutsItBackAfterVerifying()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        var node = cluster.Cluster.Nodes[0];
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "first labelled");

        var patch = "{\"metadata\":{\"labels\":{\"" + WellKnownLabels.NodeReady + "\":null}}}";
        await cluster.Client.CoreV1.PatchNodeAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), node.Name);

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "the label change wakes the agent");
    }

    [Fact]
    public async Task Agent_DropInDeletedOnALabelledNode_UnlabelsThenRewritesAndLabelsAgain()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        var node = cluster.Cluster.Nodes[0];
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "first labelled");
        var dropIn = Path.Combine(Path.GetDirectoryName(node.ContainerdConfigPath)!, HyperVHandlerDropIn.FileName);

        File.Delete(dropIn);

        await AgentTestSupport.WaitUntilAsync(() => Task.FromResult(agents.Containerd[node.Name].Restarts == 1), "the agent rewrites the drop-in and restarts containerd");
        await AgentTestSupport.WaitUntilAsync(() => AgentTestSupport.HasEventAsync(cluster.Client, node.Name, "Configuring"), "the label goes before the files change (the Event is written in the background)");
        File.Exists(dropIn).Should().BeTrue();
        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "labelled again once verified");
    }

    [Fact]
    public async Task Agent_ContainerdStopsAnswering_RemovesTheLabelAndPutsItBackWhenItAnswers()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        var node = cluster.Cluster.Nodes[0];
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "first labelled");

        node.Faults.RestartContainerd(TimeSpan.FromSeconds(3));

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) is null, "an unreachable containerd loses the node its label");
        await AgentTestSupport.WaitUntilAsync(() => AgentTestSupport.HasEventAsync(cluster.Client, node.Name, "ContainerdUnreachable"), "the reason is recorded as an Event (written in the background)");
        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "the label comes back once CRI answers");
    }

    [Fact]
    public async Task Agent_Containerd17Node_DropInKeepsTheNodesSandboxImageCniAndProcessHandler()
    {
        var group = SimulatedClusterFixture.Group("bare17", "10.0.20348", allowList: false) with { ContainerdVersion = "1.7.20" };
        await using var cluster = await SimulatedClusterFixture.StartAsync(group);
        var node = cluster.Cluster.Nodes[0];

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "the agent configures and labels the 1.7 node");
        var merged = await ContainerdConfigLoader.LoadMergedAsync(node.ContainerdConfigPath, excluding: null, CancellationToken.None);
        var cri = merged.PluginTable(ContainerdConfigVersions.CriRuntimePluginId(ContainerdConfigVersions.Containerd17))!;
        cri["sandbox_image"].Should().Be(SimulatedContainerdConfig.SandboxImage);
        cri.ContainsKey("cni").Should().BeTrue();
        merged.ToConfig().RuntimeHandlers.Keys.Should().Contain([SimulatedContainerdConfig.ProcessHandlerName, HyperVHandlerDropIn.BaseHandlerName, "runhcs-wcow-hypervisor-20348"]);
        agents.Containerd[node.Name].Restarts.Should().Be(1);
    }

    [Fact]
    public async Task Agent_Containerd17NodeWithHandlerOnlyDropIn_RewritesItWithTheNodesCriTable()
    {
        var group = SimulatedClusterFixture.Group("old17", "10.0.20348") with { ContainerdVersion = "1.7.20" };
        await using var cluster = await SimulatedClusterFixture.StartAsync(group);
        var node = cluster.Cluster.Nodes[0];
        var dropIn = Path.Combine(Path.GetDirectoryName(node.ContainerdConfigPath)!, HyperVHandlerDropIn.FileName);
        await File.WriteAllTextAsync(dropIn, HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec { ConfigVersion = 2, Builds = [node.Build] }));
        (await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, CancellationToken.None)).RuntimeHandlers.Keys
            .Should().NotContain(SimulatedContainerdConfig.ProcessHandlerName, "the handler-only drop-in wipes the node's CRI table on containerd 1.7");

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(async () => await LabelAsync(cluster.Client, node.Name) == "true", "the agent fixes and labels the node");
        (await ContainerdConfigLoader.LoadAsync(node.ContainerdConfigPath, CancellationToken.None)).RuntimeHandlers.Keys
            .Should().Contain(SimulatedContainerdConfig.ProcessHandlerName);
        agents.Containerd[node.Name].Restarts.Should().Be(1);
    }

    [Fact]
    public async Task Agent_ImportOfAMissingFile_NeverLabelsOrRestartsAndSaysWhy()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("broken", "10.0.20348"));
        var node = cluster.Cluster.Nodes[0];
        var config = await File.ReadAllTextAsync(node.ContainerdConfigPath);
        await File.WriteAllTextAsync(node.ContainerdConfigPath, ContainerdImportsEditor.AddImport(config, "gone.toml"));

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        await AgentTestSupport.WaitUntilAsync(() => AgentTestSupport.HasEventAsync(cluster.Client, node.Name, "ContainerdConfigInvalid"), "the agent reports the file containerd would refuse");
        (await LabelAsync(cluster.Client, node.Name)).Should().BeNull();
        agents.Containerd[node.Name].Restarts.Should().Be(0, "restarting into a configuration containerd refuses would take the node down");
    }

    private static async Task<string?> LabelAsync(Kubernetes client, string node) =>
        (await client.CoreV1.ReadNodeAsync(node)).Metadata.Labels?.TryGetValue(WellKnownLabels.NodeReady, out var value) == true ? value : null;
}
