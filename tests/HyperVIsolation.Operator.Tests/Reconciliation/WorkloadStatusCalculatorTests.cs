using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class WorkloadStatusCalculatorTests
{
    private static readonly DateTimeOffset Now = Epoch.AddMilliseconds(234);

    [Fact]
    public void Compute_AllPodsCurrentAndReady_ReadyOnlyAndKstatusCurrent()
    {
        var (workload, result) = Planned(replicas: 2, generation: 4);
        var hash = result.Plan!.TemplateHash;

        var status = Compute(workload, result, [Pod("a", hash), Pod("b", hash)]);

        status.ObservedGeneration.Should().Be(4);
        status.Replicas.Should().Be(2);
        status.ReadyReplicas.Should().Be(2);
        status.UpdatedReplicas.Should().Be(2);
        status.AvailableReplicas.Should().Be(2);
        status.Selector.Should().Be("isolation.hyperv.dev/workload=web");
        status.Conditions.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1Condition
        {
            Type = "Ready",
            Status = "True",
            Reason = "Ready",
            Message = "All 2 pods run the current template and are ready.",
            ObservedGeneration = 4,
            LastTransitionTime = Epoch.UtcDateTime,
        });
        KstatusEvaluator.Evaluate(4, status).Should().Be("Current");
    }

    [Fact]
    public void Compute_Planned_ResolvedOsRuntimeClassAndVm()
    {
        var (workload, result) = Planned(replicas: 1);

        var status = Compute(workload, result, []);

        status.Os.Should().BeEquivalentTo(new ResolvedOs
        {
            Flavor = OsFlavor.NanoServer,
            Version = "ltsc2022",
            Build = "10.0.20348",
            CompatibleNodeBuilds = ["10.0.20348"],
            Images = new() { ["app"] = "mcr.microsoft.com/windows/nanoserver:ltsc2022" },
        });
        status.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        status.Vm.Should().BeEquivalentTo(new ResolvedVm { MemoryMiB = 1024, ProcessorCount = 2, Summary = "1024Mi/2vCPU" });
    }

    public static TheoryData<string, string, int, int, int> Progress => new()
    {
        { "scaling-up", "ScalingUp", 1, 1, 1 },
        { "rolling", "RollingUpdate", 3, 2, 3 },
        { "scaling-down", "ScalingDown", 4, 4, 4 },
        { "waiting", "WaitingForPods", 3, 3, 2 },
        { "failed-pod", "ScalingUp", 2, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Progress))]
    public void Compute_InProgress_ReconcilingTrueReadyFalseKstatusInProgress(string scenario, string reason, int replicas, int updated, int ready)
    {
        var (workload, result) = Planned(replicas: 3);
        var pods = Pods(scenario, result.Plan!.TemplateHash);

        var status = Compute(workload, result, pods);

        status.Replicas.Should().Be(replicas);
        status.UpdatedReplicas.Should().Be(updated);
        status.ReadyReplicas.Should().Be(ready);
        status.AvailableReplicas.Should().Be(ready);
        status.Conditions!.Select(condition => (condition.Type, condition.Status, condition.Reason))
            .Should().Equal(("Ready", "False", reason), ("Reconciling", "True", reason));
        KstatusEvaluator.Evaluate(1, status).Should().Be("InProgress");
    }

    [Theory]
    [InlineData(PlanFailureReason.NoCompatibleNodes)]
    [InlineData(PlanFailureReason.PolicyViolation)]
    [InlineData(PlanFailureReason.ImageBuildMismatch)]
    [InlineData(PlanFailureReason.VmSizeExceedsCap)]
    [InlineData(PlanFailureReason.InvalidSpec)]
    public void Compute_PlanFailure_StalledWithFailureReasonAndMessage(PlanFailureReason reason)
    {
        var workload = Workload();
        var failure = WorkloadPlanResult.Fail(reason, "Something is wrong; fix it.");

        var status = Compute(workload, failure, []);

        status.Conditions!.Select(condition => (condition.Type, condition.Status, condition.Reason, condition.Message)).Should().Equal(
            ("Ready", "False", reason.ToString(), "Something is wrong; fix it."),
            ("Stalled", "True", reason.ToString(), "Something is wrong; fix it."));
        KstatusEvaluator.Evaluate(1, status).Should().Be("Failed");
    }

    [Fact]
    public void Compute_PlanFailureAfterSuccess_CarriesResolvedFieldsAndUpdatedCount()
    {
        var (workload, result) = Planned(replicas: 2);
        var hash = result.Plan!.TemplateHash;
        var previous = Compute(workload, result, [Pod("a", hash), Pod("b", hash)]);

        var status = WorkloadStatusCalculator.Compute(
            workload, WorkloadPlanResult.Fail(PlanFailureReason.NoCompatibleNodes, "No nodes."), [Pod("a", hash)], Now, previous);

        status.UpdatedReplicas.Should().Be(1);
        status.Os.Should().BeEquivalentTo(previous.Os);
        status.Os.Should().NotBeSameAs(previous.Os);
        status.RuntimeClassName.Should().Be("hyperv-ltsc2022");
        status.Vm.Should().BeEquivalentTo(previous.Vm);
    }

    [Fact]
    public void Compute_ConditionStatusUnchanged_KeepsLastTransitionTime()
    {
        var (workload, result) = Planned(replicas: 2);
        var hash = result.Plan!.TemplateHash;
        var previous = Compute(workload, result, [Pod("a", hash, ready: false)]);

        var later = WorkloadStatusCalculator.Compute(workload, result, [Pod("a", hash), Pod("b", hash, ready: false)], Now.AddMinutes(3), previous);

        later.Conditions.Should().OnlyContain(condition => condition.LastTransitionTime == Epoch.UtcDateTime);
        later.Conditions[0].Reason.Should().Be("WaitingForPods", "reason and message follow progress, the time does not");
    }

    [Fact]
    public void Compute_ConditionStatusFlips_NewTransitionTimeTruncatedToSeconds()
    {
        var (workload, result) = Planned(replicas: 1);
        var hash = result.Plan!.TemplateHash;
        var previous = Compute(workload, result, [Pod("a", hash, ready: false)]);

        var ready = WorkloadStatusCalculator.Compute(workload, result, [Pod("a", hash)], Now.AddMinutes(3), previous);

        ready.Conditions.Should().ContainSingle().Which.LastTransitionTime.Should().Be(Epoch.AddMinutes(3).UtcDateTime);
    }

    [Fact]
    public void Compute_GenerationAdvanced_ObservedGenerationFollowsAndConditionsCarryIt()
    {
        var (workload, result) = Planned(replicas: 0, generation: 7);

        var status = Compute(workload, result, []);

        status.ObservedGeneration.Should().Be(7);
        status.Conditions.Should().OnlyContain(condition => condition.ObservedGeneration == 7);
        KstatusEvaluator.Evaluate(7, status).Should().Be("Current");
        KstatusEvaluator.Evaluate(8, status).Should().Be("InProgress");
    }

    [Fact]
    public void Compute_SameInputsTwice_EquivalentSoNoWrite()
    {
        var (workload, result) = Planned(replicas: 2);
        var pods = new[] { Pod("a", result.Plan!.TemplateHash), Pod("b", "old") };
        var first = Compute(workload, result, pods);

        var second = WorkloadStatusCalculator.Compute(workload, result, pods, Now.AddHours(1), first);

        StatusComparer.AreEquivalent(first, second).Should().BeTrue();
    }

    [Fact]
    public void Compute_PodWhoseVmIsNotTheOneAskedFor_StalledWithTheAgentsReasonAndMessage()
    {
        var (workload, result) = Planned(replicas: 2, generation: 3);
        var hash = result.Plan!.TemplateHash;
        var misfit = Pod("b", hash, ready: false) with { VmProblem = ("VmSizeMismatch", "utility VM 0123@vm has 1024 MB, the pod asked for 4096 MB") };

        var status = Compute(workload, result, [Pod("a", hash), misfit]);

        status.Conditions!.Select(c => (c.Type, c.Status, c.Reason)).Should().BeEquivalentTo(
            [("Ready", "False", "VmSizeMismatch"), ("Stalled", "True", "VmSizeMismatch")]);
        status.Conditions.Should().OnlyContain(c => c.Message == "pod b: utility VM 0123@vm has 1024 MB, the pod asked for 4096 MB");
        KstatusEvaluator.Evaluate(3, status).Should().Be("Failed");
    }

    [Fact]
    public void Compute_VmProblemOnlyOnATerminatingPod_DoesNotStallTheWorkload()
    {
        var (workload, result) = Planned(replicas: 1);
        var hash = result.Plan!.TemplateHash;
        var leaving = Pod("old", hash, deleting: true) with { VmProblem = ("VmSizeMismatch", "gone soon") };

        var status = Compute(workload, result, [Pod("a", hash), leaving]);

        status.Conditions.Should().ContainSingle().Which.Type.Should().Be("Ready");
    }

    private static IsolatedWorkloadStatus Compute(IsolatedWorkload workload, WorkloadPlanResult result, IReadOnlyList<PodSummary> pods) =>
        WorkloadStatusCalculator.Compute(workload, result, pods, Now, previousStatus: null);

    private static (IsolatedWorkload Workload, WorkloadPlanResult Result) Planned(int replicas, long generation = 1)
    {
        var workload = Workload(replicas: replicas, generation: generation);
        return (workload, WorkloadPlanner.Plan(workload, Nodes(Ws2022), [], null, Options));
    }

    private static PodSummary[] Pods(string scenario, string hash) => scenario switch
    {
        "scaling-up" => [Pod("a", hash)],
        "rolling" => [Pod("a", hash), Pod("b", hash), Pod("c", "old")],
        "scaling-down" => [Pod("a", hash), Pod("b", hash), Pod("c", hash), Pod("d", hash)],
        "waiting" => [Pod("a", hash), Pod("b", hash), Pod("c", hash, ready: false)],
        _ => [Pod("a", hash), Pod("b", hash), Pod("c", hash, ready: false, phase: PodPhase.Failed), Pod("d", hash, deleting: true)],
    };
}
