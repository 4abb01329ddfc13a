using HyperVIsolation.ControllerRuntime.Events;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// A pod write cut off by the end of a leadership term (found by the fault soak: a replica that lost the Lease mid-rollout
/// and led again kept the cancelled writes as expectations, and the workload waited their whole time to live).
/// </summary>
public sealed class WorkloadPodWriterTests
{
    [Fact]
    public async Task CreateAsync_CancelledMidCall_ReleasesEveryExpectedCreation()
    {
        var workload = Workload(replicas: 3);
        var key = ObjectKey.From(workload);
        var plan = WorkloadPlanner.Plan(workload, Nodes(Ws2022), [], null, Options).Plan!;
        var (writer, expectations, podWriter) = HangingWriter();
        using var term = new CancellationTokenSource();

        var creating = podWriter.CreateAsync(key, workload, plan, 3, term.Token);
        await term.CancelAsync();

        await creating.Invoking(async task => await task).Should().ThrowAsync<OperationCanceledException>();
        writer.CreatedPods.Should().BeEmpty();
        expectations.IsSatisfied(key).Should().BeTrue("creations cut off by the end of the term leave nothing to wait for");
    }

    [Fact]
    public async Task DeleteAsync_CancelledMidCall_ReleasesEveryExpectedDeletion()
    {
        var workload = Workload(replicas: 1);
        var key = ObjectKey.From(workload);
        var pods = new[] { "web-a", "web-b" }.ToDictionary(name => name, name => new V1Pod { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "tenant-a", Uid = "uid-" + name } });
        var (writer, expectations, podWriter) = HangingWriter();
        using var term = new CancellationTokenSource();

        var deleting = podWriter.DeleteAsync(key, workload, [.. pods.Keys.Select(name => new PodDeletion(name, PodDeletionReason.ScaleDown))], pods, term.Token);
        await term.CancelAsync();

        await deleting.Invoking(async task => await task).Should().ThrowAsync<OperationCanceledException>();
        writer.DeletedPods.Should().BeEmpty();
        expectations.IsSatisfied(key).Should().BeTrue("deletions cut off by the end of the term leave nothing to wait for");
    }

    private static (RecordingClusterWriter Writer, PodExpectations Expectations, WorkloadPodWriter PodWriter) HangingWriter()
    {
        var writer = new RecordingClusterWriter { PodWriteGate = token => Task.Delay(Timeout.InfiniteTimeSpan, token) };
        var expectations = new PodExpectations(TimeProvider.System);
        var events = new EventRecorder(writer, "hyperv-isolation", null, TimeProvider.System, NullLogger<EventRecorder>.Instance);
        return (writer, expectations, new WorkloadPodWriter(writer, expectations, events));
    }
}
