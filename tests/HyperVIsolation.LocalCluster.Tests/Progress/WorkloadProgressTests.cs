using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalCluster.Progress;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Tests.Progress;

public sealed class WorkloadProgressTests
{
    [Fact]
    public void From_NoStatus_PendingWithExplanation()
    {
        var progress = WorkloadProgress.From(Workload(generation: 1, status: null));

        progress.IsReady.Should().BeFalse();
        progress.Reason.Should().Be("Pending");
        progress.Message.Should().Contain("not reported status");
        progress.Desired.Should().Be(3);
    }

    [Fact]
    public void From_ReadyForCurrentGeneration_Ready()
    {
        var progress = WorkloadProgress.From(Workload(generation: 2, Status(observed: 2, ("Ready", "True", "Ready", ""))));

        progress.IsReady.Should().BeTrue();
        progress.Os.Should().Be("NanoServer");
        progress.Version.Should().Be("ltsc2022 (10.0.20348)");
        progress.Vm.Should().Be("1 vCPU, 768 MiB");
        progress.Ready.Should().Be(3);
    }

    [Fact]
    public void WithPods_CountsLivePodsWhoseVmTheAgentVerified()
    {
        static V1Pod Pod(string status, bool deleting = false) => new()
        {
            Metadata = new V1ObjectMeta { Name = "p", DeletionTimestamp = deleting ? DateTime.UtcNow : null },
            Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "isolation.hyperv.dev/vm-verified", Status = status }] },
        };

        var progress = WorkloadProgress.From(Workload(generation: 1, status: null))
            .WithPods([Pod("True"), Pod("False"), Pod("True", deleting: true), new V1Pod()]);

        progress.VmVerified.Should().Be(1);
    }

    [Fact]
    public void From_ReadyForOlderGeneration_NotReady()
    {
        WorkloadProgress.From(Workload(generation: 3, Status(observed: 2, ("Ready", "True", "Ready", "")))).IsReady.Should().BeFalse();
    }

    [Fact]
    public void From_Stalled_ReasonAndMessageOfStalled()
    {
        var progress = WorkloadProgress.From(Workload(generation: 1, Status(
            observed: 1, ("Ready", "False", "Stalled", ""), ("Stalled", "True", "VmSizeExceedsCap", "8192 MiB is above the 4096 MiB cap"))));

        progress.IsStalled.Should().BeTrue();
        progress.Reason.Should().Be("VmSizeExceedsCap");
        progress.Message.Should().Be("8192 MiB is above the 4096 MiB cap");
    }

    private static IsolatedWorkload Workload(long generation, IsolatedWorkloadStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "w", NamespaceProperty = "ns", Generation = generation },
        Spec = new IsolatedWorkloadSpec { Replicas = 3 },
        Status = status,
    };

    private static IsolatedWorkloadStatus Status(long observed, params (string Type, string Status, string Reason, string Message)[] conditions) => new()
    {
        ObservedGeneration = observed,
        ReadyReplicas = 3,
        Os = new ResolvedOs { Flavor = OsFlavor.NanoServer, Version = "ltsc2022", Build = "10.0.20348" },
        Vm = new ResolvedVm { MemoryMiB = 768, ProcessorCount = 1 },
        Conditions = [.. conditions.Select(c => new V1Condition { Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message })],
    };
}
