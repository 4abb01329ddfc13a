using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.LocalCluster.Tests.Running;

public sealed class LocalClusterLayoutTests
{
    [Fact]
    public void Resolve_FromInsideRepository_FindsConfigAndShippedPool()
    {
        var (layout, errors) = LocalClusterLayout.Resolve(
            new LocalClusterOptions(), Path.Combine(RepositoryPaths.Root, "src"), AppContext.BaseDirectory);

        errors.Should().BeEmpty();
        layout!.SamplesDirectory.Should().Be(RepositoryPaths.Samples);
        layout.CrdDirectory.Should().Be(RepositoryPaths.Crds);
        File.Exists(layout.NodePoolPath).Should().BeTrue();
    }

    [Fact]
    public void Resolve_MissingPaths_EveryProblemReported()
    {
        var (layout, errors) = LocalClusterLayout.Resolve(
            new LocalClusterOptions { NodePoolPath = "nope.yaml", SamplesDirectory = "no-samples", CrdDirectory = "no-crds", KubeconfigPath = "no-kubeconfig" },
            Path.GetTempPath(),
            AppContext.BaseDirectory);

        layout.Should().BeNull();
        errors.Should().HaveCount(4);
        errors.Should().Contain(e => e.StartsWith("--nodes", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("--samples", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("--crds", StringComparison.Ordinal))
            .And.Contain(e => e.StartsWith("--kubeconfig: the file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShippedPool_ThreeBuildsTwoNodesEach_HyperVPresentReadinessLeftToTheAgents()
    {
        var pool = await NodePoolConfigReader.ReadFileAsync(
            Path.Combine(AppContext.BaseDirectory, LocalClusterOptions.DefaultNodePoolFileName), CancellationToken.None);

        NodePoolDescription.Describe(pool).Should().Be(
            "6 simulated Windows nodes: 2× 10.0.17763 (ltsc2019), 2× 10.0.20348 (ltsc2022), 2× 10.0.26100 (ltsc2025)");
        pool.Groups.Should().OnlyContain(g => g.HyperVEnabled
            && !g.Labels.ContainsKey("isolation.hyperv.dev/ready")
            && g.Taints.Single().Key == "os" && g.Taints.Single().Value == "windows" && g.Taints.Single().Effect == "NoSchedule");
        pool.Groups.Should().Contain(g => !g.HandlerAllowListConfigured, "one group starts unconfigured so the demo shows an agent fixing it");
    }
}
