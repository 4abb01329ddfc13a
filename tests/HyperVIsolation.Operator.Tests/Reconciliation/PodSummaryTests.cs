using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class PodSummaryTests
{
    [Fact]
    public void From_FullPod_ReadsEveryField()
    {
        var created = new DateTime(2025, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "web-x7k2p",
                Labels = new Dictionary<string, string> { ["isolation.hyperv.dev/template-hash"] = "abcdefghij" },
                CreationTimestamp = created,
                DeletionTimestamp = created.AddMinutes(5),
            },
            Status = new V1PodStatus
            {
                Phase = "Running",
                Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }],
            },
        };

        var summary = PodSummary.From(pod);

        summary.Should().Be(new PodSummary("web-x7k2p", "abcdefghij", PodPhase.Running, true, true, new DateTimeOffset(created)));
        summary.IsActive.Should().BeFalse();
    }

    [Theory]
    [InlineData("False", "VmSizeMismatch", true)]
    [InlineData("False", "VmNotFound", true)]
    [InlineData("True", "VmVerified", false)]
    public void From_VmVerifiedCondition_FalseIsAVmProblem(string status, string reason, bool problem)
    {
        var pod = new V1Pod
        {
            Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "isolation.hyperv.dev/vm-verified", Status = status, Reason = reason, Message = "m" }] },
        };

        PodSummary.From(pod).VmProblem.Should().Be(problem ? (reason, "m") : null);
    }

    [Fact]
    public void From_EmptyPod_DefaultsWithoutThrowing()
    {
        var summary = PodSummary.From(new V1Pod());

        summary.Should().Be(new PodSummary(string.Empty, null, PodPhase.Pending, false, false, DateTimeOffset.MinValue));
        summary.IsActive.Should().BeTrue();
    }

    [Theory]
    [InlineData("Pending", PodPhase.Pending, false)]
    [InlineData("Running", PodPhase.Running, false)]
    [InlineData("Succeeded", PodPhase.Succeeded, true)]
    [InlineData("Failed", PodPhase.Failed, true)]
    [InlineData("Unknown", PodPhase.Unknown, false)]
    [InlineData("Bogus", PodPhase.Pending, false)]
    public void From_Phase_ParsedAndTerminalKnown(string phase, PodPhase expected, bool terminal)
    {
        var summary = PodSummary.From(new V1Pod { Status = new V1PodStatus { Phase = phase } });

        summary.Phase.Should().Be(expected);
        summary.IsTerminal.Should().Be(terminal);
    }

    [Theory]
    [InlineData("False", false)]
    [InlineData("Unknown", false)]
    [InlineData("True", true)]
    public void From_ReadyCondition_OnlyTrueIsReady(string status, bool ready)
    {
        var pod = new V1Pod
        {
            Status = new V1PodStatus
            {
                Conditions = [new V1PodCondition { Type = "ContainersReady", Status = "True" }, new V1PodCondition { Type = "Ready", Status = status }],
            },
        };

        PodSummary.From(pod).Ready.Should().Be(ready);
    }
}
