using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class StatusComparerTests
{
    private static readonly DateTime Time = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, Action<IsolatedWorkloadStatus>> Changes = new()
    {
        ["observedGeneration"] = status => status.ObservedGeneration = 3,
        ["replicas"] = status => status.Replicas = 5,
        ["readyReplicas"] = status => status.ReadyReplicas = 0,
        ["updatedReplicas"] = status => status.UpdatedReplicas = 0,
        ["availableReplicas"] = status => status.AvailableReplicas = 0,
        ["selector"] = status => status.Selector = "x=y",
        ["runtimeClassName"] = status => status.RuntimeClassName = "hyperv-ltsc2025",
        ["os.flavor"] = status => status.Os!.Flavor = OsFlavor.ServerCore,
        ["os.version"] = status => status.Os!.Version = "ltsc2019",
        ["os.build"] = status => status.Os!.Build = "10.0.17763",
        ["os.compatibleNodeBuilds"] = status => status.Os!.CompatibleNodeBuilds!.Add("10.0.26100"),
        ["os.images"] = status => status.Os!.Images!["app"] = "other",
        ["os.imagesKey"] = status => status.Os!.Images!.Add("sidecar", "x"),
        ["os.removed"] = status => status.Os = null,
        ["vm.memory"] = status => status.Vm!.MemoryMiB = 4096,
        ["vm.processors"] = status => status.Vm!.ProcessorCount = 4,
        ["vm.summary"] = status => status.Vm!.Summary = "x",
        ["vm.removed"] = status => status.Vm = null,
        ["condition.status"] = status => status.Conditions![0].Status = "False",
        ["condition.reason"] = status => status.Conditions![0].Reason = "Other",
        ["condition.message"] = status => status.Conditions![0].Message = "Other.",
        ["condition.generation"] = status => status.Conditions![0].ObservedGeneration = 9,
        ["condition.time"] = status => status.Conditions![0].LastTransitionTime = Time.AddSeconds(1),
        ["condition.added"] = status => status.Conditions!.Add(new V1Condition { Type = "Reconciling", Status = "True" }),
        ["condition.removed"] = status => status.Conditions!.Clear(),
        ["condition.duplicated"] = status => status.Conditions!.Add(Ready()),
    };

    public static TheoryData<string> ChangeNames => [.. Changes.Keys];

    [Fact]
    public void AreEquivalent_SameContentDifferentObjects_True() =>
        StatusComparer.AreEquivalent(Status(), Status()).Should().BeTrue();

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public void AreEquivalent_AnyFieldChanged_False(string change)
    {
        var changed = Status();
        Changes[change](changed);

        StatusComparer.AreEquivalent(Status(), changed).Should().BeFalse();
        StatusComparer.AreEquivalent(changed, Status()).Should().BeFalse();
    }

    [Fact]
    public void AreEquivalent_ConditionOrderAndTimeKind_Ignored()
    {
        var left = Status();
        left.Conditions!.Add(new V1Condition { Type = "Reconciling", Status = "True", LastTransitionTime = Time });
        var right = Status();
        right.Conditions!.Insert(0, new V1Condition { Type = "Reconciling", Status = "True", LastTransitionTime = Time.ToLocalTime() });

        StatusComparer.AreEquivalent(left, right).Should().BeTrue();
    }

    [Fact]
    public void AreEquivalent_Nulls_OnlyBothNullAreEquivalent()
    {
        StatusComparer.AreEquivalent(null, null).Should().BeTrue();
        StatusComparer.AreEquivalent(Status(), null).Should().BeFalse();
        StatusComparer.AreEquivalent(null, Status()).Should().BeFalse();
    }

    private static IsolatedWorkloadStatus Status() => new()
    {
        ObservedGeneration = 2,
        Replicas = 2,
        ReadyReplicas = 2,
        UpdatedReplicas = 2,
        AvailableReplicas = 2,
        Selector = "isolation.hyperv.dev/workload=web",
        RuntimeClassName = "hyperv-ltsc2022",
        Os = new ResolvedOs
        {
            Flavor = OsFlavor.NanoServer,
            Version = "ltsc2022",
            Build = "10.0.20348",
            CompatibleNodeBuilds = ["10.0.20348"],
            Images = new() { ["app"] = "mcr.microsoft.com/windows/nanoserver:ltsc2022" },
        },
        Vm = new ResolvedVm { MemoryMiB = 1024, ProcessorCount = 2, Summary = "1024Mi/2vCPU" },
        Conditions = [Ready()],
    };

    private static V1Condition Ready() => new()
    {
        Type = "Ready",
        Status = "True",
        Reason = "Ready",
        Message = "All 2 pods run the current template and are ready.",
        ObservedGeneration = 2,
        LastTransitionTime = Time,
    };
}
