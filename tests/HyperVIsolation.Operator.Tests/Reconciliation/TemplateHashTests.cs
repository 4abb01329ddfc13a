using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class TemplateHashTests
{
    private static readonly Dictionary<string, Action<IsolatedWorkload>> WorkloadChanges = new()
    {
        ["image"] = workload => workload.Spec.Template.Containers[0].Image = "contoso.azurecr.io/app:2-ltsc2022",
        ["command"] = workload => workload.Spec.Template.Containers[0].Command = ["app.exe"],
        ["args"] = workload => workload.Spec.Template.Containers[0].Args = ["--verbose"],
        ["workingDir"] = workload => workload.Spec.Template.Containers[0].WorkingDir = @"C:\work",
        ["env"] = workload => workload.Spec.Template.Containers[0].Env = [new EnvironmentVariable { Name = "A", Value = "1" }],
        ["envOrder"] = workload => workload.Spec.Template.Containers[0].Env!.Reverse(),
        ["port"] = workload => workload.Spec.Template.Containers[0].Ports = [new ContainerPortSpec { ContainerPort = 80 }],
        ["resources"] = workload => workload.Spec.Template.Containers[0].Resources!.Requests!["memory"] = new ResourceQuantity("1Gi"),
        ["container"] = workload => workload.Spec.Template.Containers.Add(Container("sidecar")),
        ["label"] = workload => workload.Spec.Template.Labels!["tier"] = "front",
        ["annotation"] = workload => workload.Spec.Template.Annotations = new() { ["team"] = "blue" },
        ["pullSecret"] = workload => workload.Spec.Template.ImagePullSecrets = ["acr"],
        ["gracePeriod"] = workload => workload.Spec.Template.TerminationGracePeriodSeconds = 5,
        ["flavor"] = workload => workload.Spec.Os = new OsSelection { Flavor = OsFlavor.ServerCore },
        ["vm"] = workload => workload.Spec.Vm = new UtilityVmOverrides { ProcessorCount = 4 },
    };

    public static TheoryData<string> ChangeNames => [.. WorkloadChanges.Keys];

    [Fact]
    public void Compute_SameInputs_KnownValueInEveryProcess()
    {
        var hash = Hash(Baseline());

        hash.Should().Be(Hash(Baseline()));
        // Pinned: a change here rolls every workload in every cluster on upgrade; bump the format on purpose.
        hash.Should().Be("nyumg2o7bg");
    }

    [Fact]
    public void Compute_Always_TenLowercaseBase32Characters()
    {
        var hash = Hash(Baseline());

        hash.Should().MatchRegex("^[a-z2-7]{10}$");
    }

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public void Compute_TemplateChange_ChangesHash(string change)
    {
        var changed = Baseline();
        WorkloadChanges[change](changed);

        Hash(changed).Should().NotBe(Hash(Baseline()));
    }

    [Fact]
    public void Compute_ReplicasAndStrategy_DoNotChangeHash()
    {
        var changed = Baseline();
        changed.Spec.Replicas = 10;
        changed.Spec.Strategy = new UpdateStrategy { Type = UpdateStrategyType.Recreate };

        Hash(changed).Should().Be(Hash(Baseline()));
    }

    [Fact]
    public void Compute_MapInsertionOrderAndQuantitySpelling_DoNotChangeHash()
    {
        var changed = Baseline();
        changed.Spec.Template.Labels = new() { ["tier"] = "web", ["app"] = "shop" };
        changed.Spec.Template.Containers[0].Resources!.Requests!["cpu"] = new ResourceQuantity("0.5");

        Hash(changed).Should().Be(Hash(Baseline()));
    }

    [Theory]
    [InlineData("runtimeClass")]
    [InlineData("builds")]
    [InlineData("unsafe")]
    [InlineData("gate")]
    [InlineData("vmAnnotations")]
    [InlineData("isolation")]
    public void Compute_PlanChange_ChangesHash(string change)
    {
        var workload = Baseline();
        var plan = PlanFor(workload);
        var os = plan.Os;
        var vm = plan.Vm;
        var runtimeClass = plan.RuntimeClass;
        bool disableUnsafe = plan.DisableUnsafeOperations, gate = plan.ReadinessGateEnabled;
        switch (change)
        {
            case "runtimeClass": runtimeClass = new RuntimeClassChoice("hyperv-ltsc2025", WindowsBuild.Ltsc2025); break;
            case "builds": os = os with { CompatibleNodeBuilds = [WindowsBuild.Ltsc2022, WindowsBuild.Ltsc2025] }; break;
            case "unsafe": disableUnsafe = !disableUnsafe; break;
            case "gate": gate = !gate; break;
            case "vmAnnotations": vm = vm! with { Annotations = new Dictionary<string, string>(vm.Annotations) { ["x"] = "y" } }; break;
            default: os = os with { Isolation = IsolationMode.Process }; break;
        }

        var changed = TemplateHash.Compute(workload.Spec.Template, os, vm, runtimeClass, disableUnsafe, gate);

        changed.Should().NotBe(plan.TemplateHash);
    }

    private static string Hash(IsolatedWorkload workload) => PlanFor(workload).TemplateHash;

    private static IsolatedWorkload Baseline()
    {
        var container = new WorkloadContainer
        {
            Name = "app",
            Image = "contoso.azurecr.io/app:1-ltsc2022",
            Env = [new EnvironmentVariable { Name = "A", Value = "1" }, new EnvironmentVariable { Name = "B", Value = "$(A)" }],
            Resources = new ContainerResources
            {
                Requests = new() { ["cpu"] = new ResourceQuantity("500m"), ["memory"] = new ResourceQuantity("512Mi") },
            },
        };
        var workload = Workload(containers: container);
        workload.Spec.Template.Labels = new() { ["app"] = "shop", ["tier"] = "web" };
        return workload;
    }
}
