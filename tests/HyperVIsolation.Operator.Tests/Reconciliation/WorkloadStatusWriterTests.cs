using FluentAssertions;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.ControllerRuntime.Queue;
using HyperVIsolation.Operator.Reconciliation;
using Microsoft.Extensions.Time.Testing;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class WorkloadStatusWriterTests
{
    private static readonly ObjectKey Key = new("tenant-a", "web");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider time = new(Epoch);
    private readonly RecordingClusterWriter cluster = new();

    [Fact]
    public async Task WriteIfChangedAsync_PodsReadyWithinTheInterval_OneStatusWrite()
    {
        var writer = Writer(Interval);
        var (workload, plan) = Planned();
        var hash = plan.Plan!.TemplateHash;

        var starting = await writer.WriteIfChangedAsync(Key, workload, plan, [Pod("a", hash, ready: false)], CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var ready = await writer.WriteIfChangedAsync(Key, workload, plan, [Pod("a", hash)], CancellationToken.None);

        starting.Written.Should().BeFalse();
        starting.Deferred.Should().Be(Interval);
        ready.Written.Should().BeTrue();
        cluster.StatusWrites.Should().ContainSingle().Which.Status!.Conditions.Should().ContainSingle(c => c.Type == WorkloadConditions.Ready && c.Status == "True");
    }

    [Fact]
    public async Task WriteIfChangedAsync_StillStartingWhenTheIntervalEnds_ProgressWritten()
    {
        var writer = Writer(Interval);
        var (workload, plan) = Planned();
        var pods = new[] { Pod("a", plan.Plan!.TemplateHash, ready: false) };

        await writer.WriteIfChangedAsync(Key, workload, plan, pods, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var early = await writer.WriteIfChangedAsync(Key, workload, plan, pods, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(500));
        var due = await writer.WriteIfChangedAsync(Key, workload, plan, pods, CancellationToken.None);

        early.Deferred.Should().Be(TimeSpan.FromMilliseconds(500));
        due.Written.Should().BeTrue();
        cluster.StatusWrites.Should().ContainSingle().Which.Status!.Conditions.Should().Contain(c => c.Type == WorkloadConditions.Reconciling && c.Status == "True");
    }

    [Fact]
    public async Task WriteIfChangedAsync_PlanFails_StalledWrittenAtOnce()
    {
        var writer = Writer(Interval);
        var (workload, _) = Planned();

        var change = await writer.WriteIfChangedAsync(
            Key, workload, WorkloadPlanResult.Fail(PlanFailureReason.NoCompatibleNodes, "No nodes."), [], CancellationToken.None);

        change.Written.Should().BeTrue();
        cluster.StatusWrites.Should().ContainSingle();
    }

    [Fact]
    public async Task WriteIfChangedAsync_PacingOff_EveryChangeWritten()
    {
        var writer = Writer(TimeSpan.Zero);
        var (workload, plan) = Planned();
        var hash = plan.Plan!.TemplateHash;

        await writer.WriteIfChangedAsync(Key, workload, plan, [Pod("a", hash, ready: false)], CancellationToken.None);
        await writer.WriteIfChangedAsync(Key, workload, plan, [Pod("a", hash)], CancellationToken.None);

        cluster.StatusWrites.Should().HaveCount(2);
    }

    [Fact]
    public async Task WriteIfChangedAsync_Unchanged_NoWriteAndNothingDeferred()
    {
        var writer = Writer(Interval);
        var (workload, plan) = Planned();
        var pods = new[] { Pod("a", plan.Plan!.TemplateHash) };
        await writer.WriteIfChangedAsync(Key, workload, plan, pods, CancellationToken.None);

        var again = await writer.WriteIfChangedAsync(Key, workload, plan, pods, CancellationToken.None);

        again.Written.Should().BeFalse();
        again.Deferred.Should().Be(TimeSpan.Zero);
        cluster.StatusWrites.Should().ContainSingle();
    }

    private WorkloadStatusWriter Writer(TimeSpan interval) =>
        new(cluster, time, new ReconciliationOptions { StatusProgressInterval = interval });

    private static (IsolatedWorkload Workload, WorkloadPlanResult Plan) Planned()
    {
        var workload = Workload(replicas: 1);
        workload.Metadata.ResourceVersion = "1";
        return (workload, WorkloadPlanner.Plan(workload, Nodes(Ws2022), [], null, Options));
    }
}
