using HyperVIsolation.SimulatedNodes.Kubelet;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Kubelet;

public sealed class PodStatusRendererTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_RunningWithoutGates_Ready()
    {
        var status = PodStatusRenderer.Render(Pod(), Running(), "10.240.0.4", Now);

        status.Phase.Should().Be("Running");
        Condition(status, "Ready").Status.Should().Be("True");
        Condition(status, "PodScheduled").Status.Should().Be("True");
        status.ContainerStatuses.Single().Started.Should().BeTrue();
    }

    [Fact]
    public void Render_GateConditionMissing_NotReadyWithKubeletMessage()
    {
        var pod = Pod();
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "example.com/attached" }];

        var status = PodStatusRenderer.Render(pod, Running(), "10.240.0.4", Now);

        Condition(status, "ContainersReady").Status.Should().Be("True");
        var ready = Condition(status, "Ready");
        ready.Status.Should().Be("False");
        ready.Reason.Should().Be("ReadinessGatesNotReady");
        ready.Message.Should().Be("corresponding condition of pod readiness gate \"example.com/attached\" does not exist.");
    }

    [Theory]
    [InlineData("False", "False")]
    [InlineData("True", "True")]
    public void Render_GateConditionSet_ReadyFollowsIt(string gate, string ready)
    {
        var pod = Pod();
        pod.Spec.ReadinessGates = [new V1PodReadinessGate { ConditionType = "example.com/attached" }];
        pod.Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "example.com/attached", Status = gate }] };

        var status = PodStatusRenderer.Render(pod, Running(), "10.240.0.4", Now);

        Condition(status, "Ready").Status.Should().Be(ready);
        status.Conditions.Should().Contain(c => c.Type == "example.com/attached", "conditions owned by others are kept");
    }

    [Fact]
    public void Render_StartFailed_PendingWithWaitingReason()
    {
        var record = Running();
        record.Containers[0].Stage = ContainerStage.StartFailed;
        record.Containers[0].StartError = new PodStartupError("RunContainerError", "boom");

        var status = PodStatusRenderer.Render(Pod(), record, "10.240.0.4", Now);

        status.Phase.Should().Be("Pending");
        status.ContainerStatuses[0].State.Waiting.Should().Match<V1ContainerStateWaiting>(w => w.Reason == "RunContainerError" && w.Message == "boom");
        Condition(status, "ContainersReady").Message.Should().Be("containers with unready status: [app]");
    }

    private static V1PodCondition Condition(V1PodStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "u" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "img:ltsc2022" }] },
    };

    private static PodRuntimeRecord Running()
    {
        var record = new PodRuntimeRecord
        {
            Uid = "u",
            Namespace = "default",
            Name = "p",
            AdmittedAt = Now,
            Plan = new PodStartupPlan { Handler = string.Empty, Isolation = Api.V1Alpha1.IsolationMode.Process, SandboxId = "s" },
            SandboxId = "s",
            PodIp = "10.244.1.2",
        };
        record.Containers.Add(new ContainerRuntimeRecord { Name = "app", Image = "img:ltsc2022", Id = "c", Stage = ContainerStage.Running, StartedAt = Now });
        return record;
    }
}
