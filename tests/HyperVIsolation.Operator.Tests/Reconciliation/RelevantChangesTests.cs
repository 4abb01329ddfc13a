using FluentAssertions;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class RelevantChangesTests
{
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
