using HyperVIsolation.Api;
using HyperVIsolation.Operator.Reconciliation;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Integration;

public sealed class WorkloadLifecycleTests(LifecycleClusterFixture fixture) : IClassFixture<LifecycleClusterFixture>
{
    private OperatorCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Create_Ltsc2022Workload_PodsRunInSizedVmsOn2022NodesAndWorkloadReady()
    {
        await Cluster.CreateNamespaceAsync("create");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("create", "web", replicas: 2));

        var workload = await Cluster.WaitForReadyAsync("create", "web", 2);

        var pods = await Cluster.PodsAsync("create", "web");
        pods.Should().HaveCount(2).And.OnlyContain(pod => pod.Spec.NodeName.StartsWith("win22-", StringComparison.Ordinal), "the ltsc2022 class pins pods to 2022 hosts");
        pods.Should().OnlyContain(pod => pod.Spec.RuntimeClassName == "hyperv-ltsc2022");
        pods.Should().OnlyContain(pod => pod.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] == workload.Status!.Vm!.MemoryMiB!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pods.Should().OnlyContain(pod => pod.Metadata.OwnerReferences.Single().Uid == workload.Metadata.Uid);
        pods.Should().OnlyContain(
            pod => pod.Status.Conditions.Any(c => c.Type == VmVerification.ConditionType && c.Status == "True"),
            "each node's agent verified the VM, which the pods' readiness gate waits for");
        workload.Status!.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        workload.Status.Os!.Build.Should().Be("10.0.20348");
        workload.Status.Conditions.Should().ContainSingle("a healthy workload has only Ready (kstatus Current)");
        var runtimeClass = await Cluster.Client.NodeV1.ReadRuntimeClassAsync("hyperv-ltsc2022");
        runtimeClass.Handler.Should().Be(RuntimeClassRenderer.Handler);
        runtimeClass.Metadata.Labels[WellKnownLabels.ManagedBy].Should().Be(WellKnownLabels.ManagedByValue);
        // Events are sent in the background (as client-go's recorder does): wait for them rather than read once.
        var events = await Poll.UntilAsync(
            () => Cluster.EventsAsync("create", "web"),
            list => list.Where(e => e.Reason == "SuccessfulCreate").Sum(e => e.Count ?? 1) >= 2,
            "both pod creations are recorded as Events");
        events.Where(e => e.Reason == "SuccessfulCreate").Sum(e => e.Count ?? 1).Should().Be(2);
    }

    [Fact]
    public async Task Scale_UpThenDown_PodCountFollowsWithoutOvershoot()
    {
        await Cluster.CreateNamespaceAsync("scale");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("scale", "web", replicas: 1));
        await Cluster.WaitForReadyAsync("scale", "web", 1);
        await using var monitor = new PodCountMonitor(Cluster, "scale", "web", readyFloorStartsAt: int.MaxValue);

        await Cluster.PatchWorkloadAsync("scale", "web", """{"spec":{"replicas":4}}""");
        await Cluster.WaitForReadyAsync("scale", "web", 4);
        await Cluster.PatchWorkloadAsync("scale", "web", """{"spec":{"replicas":2}}""");
        await Cluster.WaitForReadyAsync("scale", "web", 2);

        monitor.MaxActive.Should().BeLessThanOrEqualTo(4, "expectations keep a stale cache from creating extra pods");
        var events = await Poll.UntilAsync(() => Cluster.EventsAsync("scale", "web"), list => list.Any(e => e.Reason == "SuccessfulDelete"), "a SuccessfulDelete Event is recorded");
        events.Should().Contain(e => e.Reason == "SuccessfulDelete" && e.Type == "Normal");
    }

    [Fact]
    public async Task TemplateChange_RollingUpdate_HonoursSurgeAndUnavailabilityAndEndsCurrent()
    {
        await Cluster.CreateNamespaceAsync("rollout");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("rollout", "web", replicas: 3, maxSurge: 1, maxUnavailable: 0));
        var before = await Cluster.WaitForReadyAsync("rollout", "web", 3);
        var oldPods = (await Cluster.PodsAsync("rollout", "web")).Select(pod => pod.Metadata.Name).ToList();
        await using var monitor = new PodCountMonitor(Cluster, "rollout", "web", readyFloorStartsAt: 3);

        await Cluster.PatchWorkloadAsync("rollout", "web", """{"spec":{"template":{"annotations":{"revision":"2"}}}}""");
        await Poll.UntilAsync(() => Cluster.GetWorkloadAsync("rollout", "web"), w => w.Metadata.Generation > before.Metadata.Generation, "the spec change is stored");
        await Cluster.WaitForReadyAsync("rollout", "web", 3);

        // Ready can be reported while the last old pod is still terminating (graceful deletion): wait for it to go.
        var pods = await Poll.UntilAsync(
            () => Cluster.PodsAsync("rollout", "web"),
            current => !current.Any(pod => oldPods.Contains(pod.Metadata.Name)),
            "every old pod was replaced");
        pods.Should().OnlyContain(pod => pod.Metadata.Annotations["revision"] == "2");
        pods.Select(pod => pod.Metadata.Labels[WellKnownLabels.TemplateHash]).Distinct().Should().ContainSingle();
        monitor.MaxActive.Should().BeLessThanOrEqualTo(4, "maxSurge 1 over 3 replicas");
        monitor.MinReady.Should().BeGreaterThanOrEqualTo(3, "maxUnavailable 0");
    }

    [Fact]
    public async Task PodDeletedByHand_IsReplaced()
    {
        await Cluster.CreateNamespaceAsync("replace");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("replace", "web", replicas: 2));
        await Cluster.WaitForReadyAsync("replace", "web", 2);
        var victim = (await Cluster.PodsAsync("replace", "web"))[0].Metadata.Name;

        await Cluster.Client.CoreV1.DeleteNamespacedPodAsync(victim, "replace");

        await Poll.UntilAsync(
            () => Cluster.PodsAsync("replace", "web"),
            pods => pods.Count(OperatorCluster.IsReady) == 2 && pods.All(pod => pod.Metadata.Name != victim),
            "a replacement runs and the deleted pod is gone");
        await Cluster.WaitForReadyAsync("replace", "web", 2);
    }

    [Fact]
    public async Task SteadyState_ReconcileWithoutChanges_IssuesZeroWrites()
    {
        await Cluster.CreateNamespaceAsync("noop");
        await Cluster.CreateWorkloadAsync(TestWorkloads.NanoServer("noop", "web", replicas: 2));
        await Cluster.WaitForReadyAsync("noop", "web", 2);
        using var reconciles = new ReconcileCounter(fixture.Operator, IsolatedWorkloadControllers.WorkloadControllerName);
        fixture.Requests.Reset();

        // A metadata-only change wakes the workload without changing what it wants.
        await Cluster.PatchWorkloadAsync("noop", "web", """{"metadata":{"annotations":{"touched":"yes"}}}""");
        await Poll.UntilAsync(() => Task.FromResult(reconciles.Count), count => count > 0, "the workload was reconciled again");

        fixture.Requests.Writes
            .Where(write => write.Contains("/namespaces/noop/", StringComparison.Ordinal) || write.Contains("/runtimeclasses", StringComparison.Ordinal))
            .Should().BeEmpty("a reconcile that changes nothing writes nothing");
    }
}
