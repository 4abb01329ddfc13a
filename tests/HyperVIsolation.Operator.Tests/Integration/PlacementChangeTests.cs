using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Integration;

public sealed class PlacementChangeTests(PlacementClusterFixture fixture) : IClassFixture<PlacementClusterFixture>
{
    private OperatorCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Ltsc2025Workload_NoNewEnoughNodeThenOneJoins_StalledThenReady()
    {
        await Cluster.CreateNamespaceAsync("newer");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("newer", "web", replicas: 1, version: WindowsVersion.Ltsc2025));

        var stalled = await Cluster.WaitForStalledAsync("newer", "web", nameof(PlanFailureReason.NoCompatibleNodes));
        OperatorCluster.Condition(stalled, WorkloadConditions.Ready)!.Status.Should().Be("False");
        (await Cluster.PodsAsync("newer", "web")).Should().BeEmpty("nothing can run it");
        await Poll.UntilAsync(
            () => Cluster.EventsAsync("newer", "web"),
            events => events.Any(e => e.Type == "Warning" && e.Reason == nameof(PlanFailureReason.NoCompatibleNodes)),
            "a Warning Event names the reason");

        await Cluster.AddNodesAsync(runScheduler: false, OperatorCluster.Group("new25", "ltsc2025"));

        var ready = await Cluster.WaitForReadyAsync("newer", "web", 1);
        ready.Status!.RuntimeClassName.Should().Be("hyperv-ltsc2025");
        OperatorCluster.Condition(ready, WorkloadConditions.Stalled).Should().BeNull("Stalled is removed once it no longer applies");
        (await Cluster.PodsAsync("newer", "web")).Single().Spec.NodeName.Should().Be("new25-0");

        // No finalizer: the workload goes at once, its pods follow by garbage collection, then its unused class.
        await Cluster.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, "newer", IsolatedWorkload.Plural, "web");
        await Poll.UntilAsync(() => Cluster.PodsAsync("newer", "web"), pods => pods.Count == 0, "the pods are collected");
        await Poll.UntilAsync(
            async () => (await Cluster.Client.NodeV1.ListRuntimeClassAsync()).Items.Select(runtimeClass => runtimeClass.Metadata.Name).ToList(),
            names => !names.Contains("hyperv-ltsc2025"),
            "the operator deletes its RuntimeClass once no pod uses it");
    }

    [Fact]
    public async Task ForeignRuntimeClassWithOurName_UsedButNeverChanged()
    {
        var foreign = new V1RuntimeClass
        {
            Metadata = new V1ObjectMeta { Name = "hyperv-ltsc2019", Labels = new Dictionary<string, string> { ["owner"] = "cluster-admin" } },
            Handler = RuntimeClassRenderer.Handler,
            Overhead = new V1Overhead { PodFixed = new Dictionary<string, ResourceQuantity> { ["memory"] = new("100Mi"), ["cpu"] = new("50m") } },
        };
        var created = await Cluster.Client.NodeV1.CreateRuntimeClassAsync(foreign);
        await Cluster.CreateNamespaceAsync("foreign");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("foreign", "web", replicas: 1, version: WindowsVersion.Ltsc2019));

        var ready = await Cluster.WaitForReadyAsync("foreign", "web", 1);

        ready.Status!.RuntimeClassName.Should().Be("hyperv-ltsc2019");
        var after = await Cluster.Client.NodeV1.ReadRuntimeClassAsync("hyperv-ltsc2019");
        after.Metadata.ResourceVersion.Should().Be(created.Metadata.ResourceVersion, "the operator never writes a class it did not create");
        after.Metadata.Labels.Should().NotContainKey(HyperVIsolation.Api.WellKnownLabels.ManagedBy);
    }

    [Fact]
    public async Task PolicyCapLoweredBelowRequest_RunningPodsKept_StalledVmSizeExceedsCap()
    {
        await Cluster.CreateNamespaceAsync("capped", new Dictionary<string, string> { ["tenant"] = "capped" });
        await CreatePolicyAsync("capped-tenants", maxMemoryMiB: 8192);
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("capped", "web", replicas: 2, memoryLimit: "2Gi"));
        await Cluster.WaitForReadyAsync("capped", "web", 2);
        var running = (await Cluster.PodsAsync("capped", "web")).Select(pod => pod.Metadata.Name).ToList();

        await Cluster.Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"vm":{"maxMemoryMiB":1024}}}""", V1Patch.PatchType.MergePatch),
            ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, "capped-tenants");

        var stalled = await Cluster.WaitForStalledAsync("capped", "web", nameof(PlanFailureReason.VmSizeExceedsCap));
        OperatorCluster.Condition(stalled, WorkloadConditions.Stalled)!.Message.Should().NotBeNullOrWhiteSpace();
        (await Cluster.PodsAsync("capped", "web")).Select(pod => pod.Metadata.Name).Should().BeEquivalentTo(running, "a plan failure leaves running pods alone");
        await Poll.UntilAsync(
            () => Cluster.EventsAsync("capped", "web"),
            events => events.Any(e => e.Type == "Warning" && e.Reason == nameof(PlanFailureReason.VmSizeExceedsCap)),
            "a Warning Event names the reason");
    }

    private async Task CreatePolicyAsync(string name, long maxMemoryMiB)
    {
        var policy = new IsolationPolicy
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new IsolationPolicySpec
            {
                NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["tenant"] = "capped" } },
                Vm = new VmSizePolicy { MaxMemoryMiB = maxMemoryMiB },
            },
        };
        await Cluster.Client.CustomObjects.CreateClusterCustomObjectAsync(policy, ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural);
    }
}
