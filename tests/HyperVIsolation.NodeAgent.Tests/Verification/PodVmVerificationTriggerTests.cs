using HyperVIsolation.Api;
using HyperVIsolation.NodeAgent.Verification;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Tests.Verification;

public sealed class PodVmVerificationTriggerTests
{
    [Fact]
    public void Matters_OnlyTheAgentsOwnConditionOrContainerStatusChanged_False()
    {
        var before = Pod();
        var after = Pod();
        after.Status.Conditions.Add(new V1PodCondition { Type = VmVerification.ConditionType, Status = "True" });
        after.Status.ContainerStatuses = [new V1ContainerStatus { Name = "app", Ready = true }];

        PodVmVerificationTrigger.Matters(before, after).Should().BeFalse();
    }

    [Theory]
    [InlineData("phase")]
    [InlineData("ip")]
    [InlineData("sandbox")]
    [InlineData("deleting")]
    [InlineData("size")]
    public void Matters_SandboxOrSizeOrDeletionChanged_True(string change)
    {
        var after = Pod();
        switch (change)
        {
            case "phase": after.Status.Phase = "Running"; break;
            case "ip": after.Status.PodIP = "10.244.0.9"; break;
            case "sandbox": after.Status.Conditions[0].Status = "True"; break;
            case "deleting": after.Metadata.DeletionTimestamp = DateTime.UtcNow; break;
            default: after.Metadata.Annotations[HcsAnnotations.MemorySizeInMb] = "4096"; break;
        }

        PodVmVerificationTrigger.Matters(Pod(), after).Should().BeTrue();
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", Annotations = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "2048" } },
        Status = new V1PodStatus { Phase = "Pending", Conditions = [new V1PodCondition { Type = "PodReadyToStartContainers", Status = "False" }] },
    };
}
