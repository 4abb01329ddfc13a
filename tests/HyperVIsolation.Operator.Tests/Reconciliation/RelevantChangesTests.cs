using FluentAssertions;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class RelevantChangesTests
{
    public static TheoryData<string, Action<V1Pod>, bool> PodChanges => new()
    {
        { "bound to a node", pod => pod.Spec.NodeName = "win22-0", false },
        { "pod IP and container statuses", pod => { pod.Status.PodIP = "10.0.0.9"; pod.Status.ContainerStatuses = [new V1ContainerStatus { Name = "app", Ready = false }]; }, false },
        { "resourceVersion only", pod => pod.Metadata.ResourceVersion = "99", false },
        { "became ready", pod => pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }], true },
        { "running", pod => pod.Status.Phase = "Running", true },
        { "failed", pod => pod.Status.Phase = "Failed", true },
        { "terminating", pod => pod.Metadata.DeletionTimestamp = DateTime.UtcNow, true },
        { "template hash", pod => pod.Metadata.Labels[WellKnownLabels.TemplateHash] = "other", true },
        { "workload label removed", pod => pod.Metadata.Labels.Remove(WellKnownLabels.Workload), true },
        { "controller released", pod => pod.Metadata.OwnerReferences = [], true },
        { "another pod under the name", pod => pod.Metadata.Uid = "uid-2", true },
        { "RuntimeClass", pod => pod.Spec.RuntimeClassName = "hyperv-ltsc2025", true },
    };

    [Theory]
    [MemberData(nameof(PodChanges))]
    public void PodForWorkload_Change_WakesTheWorkloadOnlyWhenAReconcileReadsIt(string change, Action<V1Pod> apply, bool expected)
    {
        var before = Pod();
        var after = Pod();
        apply(after);

        RelevantChanges.PodForWorkload(before, after).Should().Be(expected, change);
    }

    [Fact]
    public void WorkloadSpec_StatusOnlyWrite_False()
    {
        var before = Workload(generation: 3);
        var after = Workload(generation: 3);
        after.Metadata.ResourceVersion = "100";
        after.Status = new IsolatedWorkloadStatus { ObservedGeneration = 3, Replicas = 1 };

        RelevantChanges.WorkloadSpec(before, after).Should().BeFalse();
    }

    [Fact]
    public void WorkloadSpec_GenerationDeletionOrUid_True()
    {
        var before = Workload(generation: 3);

        RelevantChanges.WorkloadSpec(before, Workload(generation: 4)).Should().BeTrue();
        RelevantChanges.WorkloadSpec(before, Workload(generation: 3, deleting: true)).Should().BeTrue();
        RelevantChanges.WorkloadSpec(before, Workload(generation: 3, uid: "other")).Should().BeTrue("a relist reports a delete and re-create under one name as an update");
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web-abc",
            NamespaceProperty = "tenant-a",
            Uid = "uid-1",
            ResourceVersion = "5",
            CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            Labels = new Dictionary<string, string> { [WellKnownLabels.Workload] = "web", [WellKnownLabels.TemplateHash] = "abc" },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "isolation.hyperv.dev/v1alpha1", Kind = "IsolatedWorkload", Name = "web", Uid = "uid-web", Controller = true }],
        },
        Spec = new V1PodSpec { RuntimeClassName = "hyperv-ltsc2022", Containers = [new V1Container { Name = "app" }] },
        Status = new V1PodStatus { Phase = "Pending" },
    };

    private static IsolatedWorkload Workload(long generation, bool deleting = false, string uid = "uid-web") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            NamespaceProperty = "tenant-a",
            Uid = uid,
            Generation = generation,
            ResourceVersion = "10",
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
        },
    };
}
