using HyperVIsolation.Soak.Invariants;
using HyperVIsolation.Soak.Plan;

namespace HyperVIsolation.Soak.Tests.Invariants;

public sealed class InvariantChecksTests
{
    private static readonly SlotState Web = new(0, Exists: true, Replicas: 2, Revision: 3, Changes: 2);

    [Theory]
    [InlineData(3, 3, true)]
    [InlineData(4, 3, false)]
    [InlineData(2, 0, false)]
    public void SurgeViolations_ActivePodsAgainstCeiling_ViolatedAboveIt(int pods, int ceiling, bool holds)
    {
        var snapshot = Snapshot([Workload()], [.. Enumerable.Range(0, pods).Select(i => Pod($"p{i}"))]);

        var violations = InvariantChecks.SurgeViolations(snapshot, new Dictionary<string, int> { ["w0"] = ceiling });

        violations.Should().HaveCount(holds ? 0 : 1);
    }

    [Fact]
    public void SurgeViolations_TerminatingAndFinishedPods_NotCounted()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b") with { Deleting = true }, Pod("c") with { Phase = "Failed" }]);

        InvariantChecks.SurgeViolations(snapshot, new Dictionary<string, int> { ["w0"] = 1 }).Should().BeEmpty();
    }

    [Fact]
    public void SurgeViolations_PodsOfADeletedIncarnation_CountedApart()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b"), Pod("old") with { OwnerUid = "old-uid" }]);

        InvariantChecks.SurgeViolations(snapshot, new Dictionary<string, int> { ["w0"] = 2 }).Should().BeEmpty();
    }

    [Fact]
    public void ConvergenceProblems_Converged_None()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b")]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().BeEmpty();
    }

    [Fact]
    public void ConvergenceProblems_OldRevisionPod_Reported()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b") with { Revision = 2 }]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().ContainSingle().Which.Should().Contain("revisions 2,3");
    }

    [Fact]
    public void ConvergenceProblems_TwoTemplateHashes_Reported()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b") with { TemplateHash = "other" }]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().ContainSingle().Which.Should().Contain("template hashes");
    }

    [Fact]
    public void ConvergenceProblems_StatusBehind_Reported()
    {
        var snapshot = Snapshot([Workload() with { ObservedGeneration = 6 }], [Pod("a"), Pod("b")]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().ContainSingle().Which.Should().Contain("observed generation 6/7");
    }

    [Fact]
    public void ConvergenceProblems_TooFewReadyPods_Reported()
    {
        var snapshot = Snapshot([Workload()], [Pod("a"), Pod("b") with { Ready = false }]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().ContainSingle().Which.Should().Contain("1 ready");
    }

    [Fact]
    public void ConvergenceProblems_OrphanAfterDelete_Reported()
    {
        var snapshot = Snapshot([], [Pod("left") with { OwnerUid = "gone" }]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web with { Exists = false }]).Should().ContainSingle().Which.Should().Contain("orphan");
    }

    [Fact]
    public void ConvergenceProblems_DeletedWorkloadStillThere_Reported()
    {
        var snapshot = Snapshot([Workload() with { Deleting = true }], []);

        InvariantChecks.ConvergenceProblems(snapshot, [Web with { Exists = false }]).Should().ContainSingle().Which.Should().Contain("being deleted");
    }

    [Fact]
    public void ConvergenceProblems_SpecNotWhatTheSoakSet_Reported()
    {
        var snapshot = Snapshot([Workload() with { Replicas = 3 }], [Pod("a"), Pod("b")]);

        InvariantChecks.ConvergenceProblems(snapshot, [Web]).Should().Contain(problem => problem.Contains("the soak set", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void EventStorms_EventsAgainstChanges_ViolatedAboveBudget(int count, bool holds)
    {
        var snapshot = Snapshot([Workload()], [], [new EventView("uid-w0", "w0", "Scaled", count), new EventView("other", "w1", "Scaled", 100)]);

        InvariantChecks.EventStorms(snapshot, [Web], eventsPerChange: 10).Should().HaveCount(holds ? 0 : 1);
    }

    [Theory]
    [InlineData(100, 150, true)]
    [InlineData(100, 214, true)]
    [InlineData(100, 216, false)]
    public void MemoryGrowth_LastAgainstFirst_ViolatedAboveFactorPlusAllowance(int firstMb, int lastMb, bool holds)
    {
        var heap = new List<long> { firstMb * 1048576L, 120 * 1048576L, lastMb * 1048576L };

        InvariantChecks.MemoryGrowth(heap, factor: 1.5, allowanceBytes: 64 * 1048576L).Should().HaveCount(holds ? 0 : 1);
    }

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(11, 10, false)]
    public void CacheLeaks_CachedAgainstExisting_ViolatedWhenDifferent(int cached, int existing, bool holds) =>
        InvariantChecks.CacheLeaks("pods", cached, existing).Should().HaveCount(holds ? 0 : 1);

    private static ClusterSnapshot Snapshot(IReadOnlyList<WorkloadView> workloads, IReadOnlyList<PodView> pods, IReadOnlyList<EventView>? events = null) =>
        new(workloads, pods, events ?? []);

    private static WorkloadView Workload() => new("w0", "uid-w0", 7, false, 2, 3, 7, 2, 2, 2, true);

    private static PodView Pod(string name) => new(name, "w0", "uid-w0", 3, "hash", "Running", true, false);
}
