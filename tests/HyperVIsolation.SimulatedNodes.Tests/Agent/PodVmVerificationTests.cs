using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Observability;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Tests.Integration;
using k8s;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Agent;

/// <summary>The real node agent verifies each pod's utility VM through the simulated CRI and HCS, and the pod's readiness gate waits for it.</summary>
public sealed class PodVmVerificationTests
{
    [Fact]
    public async Task GatedPod_BecomesReadyOnlyOnceTheAgentVerifiedItsVm()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await cluster.CreatePodAsync(GatedPod("sized", memoryMb: "2048"));
        var unverified = await cluster.WaitForPodAsync("sized", p => p.Status?.Phase == "Running" && ContainersReady(p), "its containers run");
        ConditionOf(unverified, "Ready")!.Status.Should().Be("False", "no agent has verified the VM: the readiness gate holds the pod back");
        ConditionOf(unverified, "Ready")!.Reason.Should().Be("ReadinessGatesNotReady");

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        var ready = await cluster.WaitForPodAsync("sized", p => ConditionOf(p, "Ready")?.Status == "True", "the agent verifies the VM");
        var verified = ConditionOf(ready, VmVerification.ConditionType)!;
        verified.Status.Should().Be("True");
        verified.Reason.Should().Be(VmVerification.ReasonVerified);
        verified.Message.Should().Contain("2048 MB");
    }

    [Fact]
    public async Task PodStartedBeforeTheAllowList_DefaultSizedVm_IsReportedAsAMismatchWithAnEvent()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("bare", "10.0.20348", allowList: false));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await cluster.CreatePodAsync(GatedPod("unsized", memoryMb: "4096"));
        await cluster.WaitForPodAsync("unsized", p => p.Status?.Phase == "Running", "it runs in a VM booted without its annotations");

        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);

        var mismatched = await cluster.WaitForPodAsync("unsized", p => ConditionOf(p, VmVerification.ConditionType)?.Status == "False", "the agent compares the VM");
        var condition = ConditionOf(mismatched, VmVerification.ConditionType)!;
        condition.Reason.Should().Be(VmVerification.ReasonSizeMismatch);
        condition.Message.Should().Contain("1024 MB").And.Contain("4096 MB").And.Contain("pod_annotations allow-list");
        ConditionOf(mismatched, "Ready")!.Status.Should().Be("False");
        await AgentTestSupport.WaitUntilAsync(() => AgentTestSupport.HasEventAsync(cluster.Client, "unsized", VmVerification.ReasonSizeMismatch), "the mismatch is a Warning Event on the pod");
    }

    [Fact]
    public async Task VerifiedPod_VmShrunkBehindItsBack_LosesTheConditionOnTheNextResync()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await cluster.CreatePodAsync(GatedPod("resized", memoryMb: "2048"));
        await cluster.WaitForPodAsync("resized", p => ConditionOf(p, VmVerification.ConditionType)?.Status == "True", "verified first");
        var hcs = cluster.Cluster["ready-0"].Hcs;
        await using (var vm = await hcs.OpenComputeSystemAsync(hcs.ComputeSystemIds.Single(), CancellationToken.None))
        {
            await vm.ModifyAsync("""{"ResourcePath":"VirtualMachine/ComputeTopology/Memory/SizeInMB","Settings":1024}""", CancellationToken.None);
        }

        var changed = await cluster.WaitForPodAsync("resized", p => ConditionOf(p, VmVerification.ConditionType)?.Status == "False", "the resync compares again");

        ConditionOf(changed, VmVerification.ConditionType)!.Reason.Should().Be(VmVerification.ReasonSizeMismatch);
    }

    [Fact]
    public async Task StuckHcsMidVerification_AgentRestartedWhileStuck_VerifiesOnceHcsAnswersAgain()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await cluster.CreatePodAsync(GatedPod("stuck", memoryMb: "2048"));
        await cluster.WaitForPodAsync("stuck", p => p.Status?.Phase == "Running" && ContainersReady(p), "its containers run");
        var hcs = cluster.Cluster["ready-0"].Hcs;
        hcs.StallOperations();

        var first = await StartAgentsWithShortHcsTimeoutAsync(cluster);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileStuck = await cluster.Client.CoreV1.ReadNamespacedPodAsync("stuck", "default");
        await first.DisposeAsync();

        ConditionOf(whileStuck, VmVerification.ConditionType)?.Status.Should().NotBe("True", "a VM that HCS cannot read is not verified");
        ConditionOf(whileStuck, "Ready")!.Status.Should().Be("False");
        hcs.ResumeOperations();
        await using var second = await StartAgentsWithShortHcsTimeoutAsync(cluster);
        var verified = await cluster.WaitForPodAsync("stuck", p => ConditionOf(p, "Ready")?.Status == "True", "the restarted agent verifies the VM once HCS answers");
        ConditionOf(verified, VmVerification.ConditionType)!.Reason.Should().Be(VmVerification.ReasonVerified);
    }

    [Fact]
    public async Task GatedPodWithoutHyperVRuntimeClass_RunsWithoutAVm_IsNeverVerified()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        var pod = GatedPod("process", memoryMb: "2048", runtimeClass: null);
        pod.Spec.NodeName = "ready-0";
        await cluster.CreatePodAsync(pod);

        var found = await cluster.WaitForPodAsync("process", p => ConditionOf(p, VmVerification.ConditionType) is not null, "the agent looks at the pod");

        var condition = ConditionOf(found, VmVerification.ConditionType)!;
        condition.Status.Should().Be("False");
        condition.Reason.Should().Be(VmVerification.ReasonNotFound, "a process-isolated sandbox has no utility VM");
        ConditionOf(found, "Ready")!.Status.Should().Be("False");
    }

    [Fact]
    public async Task UngatedPodWithoutVmAnnotations_IsLeftAlone()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await cluster.CreatePodAsync(TestPods.Pod("plain"));
        await cluster.CreatePodAsync(GatedPod("witness", memoryMb: "2048"));

        // The witness is verified by the same agent after (or while) it looked at the plain pod.
        await cluster.WaitForPodAsync("witness", p => ConditionOf(p, VmVerification.ConditionType)?.Status == "True", "the agent is at work");
        var plain = await cluster.WaitForPodAsync("plain", p => ConditionOf(p, "Ready")?.Status == "True", "it runs");

        ConditionOf(plain, VmVerification.ConditionType).Should().BeNull("the agent verifies only pods that ask for a VM check");
    }

    [Fact]
    public async Task VerifiedPod_VmStatisticsExportedAsMetricsLabelledWithPodAndNamespace()
    {
        await using var cluster = await SimulatedClusterFixture.StartAsync(SimulatedClusterFixture.Group("ready", "10.0.20348"));
        await cluster.Client.NodeV1.CreateRuntimeClassAsync(TestPods.HyperVRuntimeClass());
        await using var agents = await AgentTestSupport.StartAgentsAsync(cluster);
        await cluster.CreatePodAsync(GatedPod("metered", memoryMb: "2048"));
        await cluster.WaitForPodAsync("metered", p => ConditionOf(p, VmVerification.ConditionType)?.Status == "True", "verified");

        var readings = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VmStatistics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (labels.GetValueOrDefault("pod") == "metered" && labels.GetValueOrDefault("namespace") == "default")
            {
                readings[instrument.Name] = value;
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();

        readings.Should().ContainKey("hyperv_isolation.vm.memory.assigned").WhoseValue.Should().Be(2048.0 * 1024 * 1024);
        readings.Should().ContainKeys("hyperv_isolation.vm.memory.commit", "hyperv_isolation.vm.cpu.time", "hyperv_isolation.vm.storage.read", "hyperv_isolation.vm.storage.written");
        readings["hyperv_isolation.vm.memory.commit"].Should().BePositive("the simulated guest commits memory from boot");
    }

    // HCS calls give up after 300 ms, so a stuck HCS costs the agent retries, not a hung worker.
    private static Task<SimulatedNodeAgents> StartAgentsWithShortHcsTimeoutAsync(SimulatedClusterFixture cluster) =>
        SimulatedNodeAgents.StartAsync(
            cluster.Cluster,
            cluster.Server.CreateClient,
            configure: options => options with
            {
                RetryInterval = TimeSpan.FromMilliseconds(200),
                ResyncInterval = TimeSpan.FromMilliseconds(300),
                HcsOperationTimeout = TimeSpan.FromMilliseconds(300),
            });

    private static V1Pod GatedPod(string name, string memoryMb, string? runtimeClass = TestPods.HyperVClass)
    {
        var pod = TestPods.Pod(name, image: "mcr.microsoft.com/windows/servercore:ltsc2022", runtimeClass: runtimeClass);
        pod.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] = memoryMb;
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = VmVerification.ConditionType }];
        return pod;
    }

    private static bool ContainersReady(V1Pod pod) => ConditionOf(pod, "ContainersReady")?.Status == "True";

    private static V1PodCondition? ConditionOf(V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);
}
