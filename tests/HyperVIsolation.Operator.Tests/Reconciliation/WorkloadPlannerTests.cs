using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class WorkloadPlannerTests
{
    [Fact]
    public void Plan_HappyPath_OsVmRuntimeClassHardeningAndHash()
    {
        var workload = Workload(containers: new WorkloadContainer
        {
            Name = "app",
            Resources = new ContainerResources { Limits = new() { ["memory"] = new ResourceQuantity("1Gi"), ["cpu"] = new ResourceQuantity("1500m") } },
        });

        var result = WorkloadPlanner.Plan(workload, Nodes(Ws2019, Ws2022), [Policy()], null, Options);

        result.IsSuccess.Should().BeTrue();
        var plan = result.Plan!;
        plan.Os.Flavor.Should().Be(OsFlavor.NanoServer);
        plan.Os.Version.Should().Be(WindowsVersion.Ltsc2022);
        plan.Vm!.Size.MemoryMiB.Should().Be(1024 + 512);
        plan.Vm.Size.ProcessorCount.Should().Be(2);
        plan.Vm.Annotations.Should().ContainKey(HcsAnnotations.ProcessorLimit);
        plan.RuntimeClass.Should().Be(new RuntimeClassChoice("hyperv-ltsc2022", WindowsBuild.Ltsc2022));
        plan.DisableUnsafeOperations.Should().BeTrue();
        plan.ReadinessGateEnabled.Should().BeFalse();
        plan.TemplateHash.Should().HaveLength(10);
    }

    public static TheoryData<string, PlanFailureReason, string> Failures => new()
    {
        { "no-nodes", PlanFailureReason.NoCompatibleNodes, "No Hyper-V-ready Windows node is available" },
        { "too-new-image", PlanFailureReason.ImageBuildMismatch, "targets 10.0.26100" },
        { "process-not-allowed", PlanFailureReason.PolicyViolation, "Process isolation shares the host kernel" },
        { "vm-over-cap", PlanFailureReason.VmSizeExceedsCap, "over the cap maxMemoryMiB=2048 of IsolationPolicy 'tenants'" },
        { "containers-over-cap", PlanFailureReason.VmSizeExceedsCap, "computed from the containers' memory" },
        { "overcommit", PlanFailureReason.PolicyViolation, "does not set allowDisablingOvercommit" },
        { "nano-capabilities", PlanFailureReason.InvalidSpec, "Nano Server cannot provide" },
        { "duplicate-names", PlanFailureReason.InvalidSpec, "already used by spec.template.containers[0]" },
        { "missing-variant", PlanFailureReason.InvalidSpec, "no image for ltsc2025" },
        { "registry", PlanFailureReason.PolicyViolation, "is not from a registry IsolationPolicy 'tenants' allows" },
        { "digest", PlanFailureReason.PolicyViolation, "has no digest" },
        { "host-annotation", PlanFailureReason.InvalidSpec, "is reserved" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Plan_Failure_StalledReasonAndMessage(string scenario, PlanFailureReason reason, string messagePart)
    {
        var (workload, nodes, policies) = Scenario(scenario);

        var result = WorkloadPlanner.Plan(workload, nodes, policies, null, Options);

        result.IsSuccess.Should().BeFalse();
        result.Failure!.Reason.Should().Be(reason);
        result.Failure.Message.Should().Contain(messagePart);
    }

    [Fact]
    public void Plan_SeveralValidationErrors_AllMessagesFirstReason()
    {
        var workload = Workload(isolation: IsolationMode.Process, vm: new UtilityVmOverrides { MemoryMiB = 8192 });

        var result = WorkloadPlanner.Plan(workload, Nodes(Ws2022), [Policy(maxMemory: 2048)], null, Options);

        result.Failure!.Reason.Should().Be(PlanFailureReason.PolicyViolation);
        result.Failure.Message.Should().Contain("Process isolation").And.Contain("maxMemoryMiB=2048");
    }

    [Fact]
    public void Plan_AuditPolicy_DoesNotDecide()
    {
        var workload = Workload(vm: new UtilityVmOverrides { MemoryMiB = 8192 });

        var result = WorkloadPlanner.Plan(workload, Nodes(Ws2022), [Policy(mode: PolicyMode.Audit, maxMemory: 2048)], null, Options);

        result.IsSuccess.Should().BeTrue();
        result.Plan!.DisableUnsafeOperations.Should().BeFalse();
    }

    [Fact]
    public void Plan_AllowedRegistriesAndDigest_ImagesThatComplyPass()
    {
        var workload = Workload(containers:
        [
            Container("app", "contoso.azurecr.io/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
            Container("base"),
        ]);
        var policy = Policy(allowedRegistries: ["contoso.azurecr.io/team", "mcr.microsoft.com/windows"]);

        WorkloadPlanner.Plan(workload, Nodes(Ws2022), [policy], null, Options).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Plan_SameInputs_SamePlan()
    {
        var first = PlanFor(Workload(), Nodes(Ws2022, Ws2025), null, Policy());
        var second = PlanFor(Workload(), Nodes(Ws2025, Ws2022), null, Policy());

        second.TemplateHash.Should().Be(first.TemplateHash);
        second.RuntimeClass.Should().Be(first.RuntimeClass);
    }

    private static (IsolatedWorkload Workload, IReadOnlyList<NodeBuildInfo> Nodes, IsolationPolicy[] Policies) Scenario(string name)
    {
        var nodes = Nodes(Ws2022);
        return name switch
        {
            "no-nodes" => (Workload(), [], []),
            "too-new-image" => (Workload(containers: Container("app", "contoso.azurecr.io/app:1-ltsc2025")), nodes, []),
            "process-not-allowed" => (Workload(isolation: IsolationMode.Process), nodes, [Policy()]),
            "vm-over-cap" => (Workload(vm: new UtilityVmOverrides { MemoryMiB = 4096 }), nodes, [Policy(maxMemory: 2048)]),
            "containers-over-cap" => (Workload(containers: new WorkloadContainer
            {
                Name = "app",
                Resources = new ContainerResources { Requests = new() { ["memory"] = new ResourceQuantity("4Gi") } },
            }), nodes, [Policy(maxMemory: 2048)]),
            "overcommit" => (Workload(vm: new UtilityVmOverrides { AllowOvercommit = false }), nodes, [Policy()]),
            "nano-capabilities" => (Workload(os: new OsSelection { Flavor = OsFlavor.NanoServer, Capabilities = [OsCapability.IIS] }), nodes, []),
            "duplicate-names" => (Workload(containers: [Container("app"), Container("app")]), nodes, []),
            "missing-variant" => (Workload(
                os: new OsSelection { Version = WindowsVersion.Ltsc2025 },
                containers: new WorkloadContainer { Name = "app", Images = new() { ["ltsc2022"] = "contoso.azurecr.io/app:1" } }), Nodes(Ws2025), []),
            "registry" => (Workload(containers: Container("app", "docker.io/evil/app:1")), nodes, [Policy(allowedRegistries: ["contoso.azurecr.io"])]),
            "digest" => (Workload(containers: Container("app", "contoso.azurecr.io/app:1")), nodes, [Policy(requireDigest: true)]),
            _ => (WithHostAnnotation(), nodes, []),
        };
    }

    private static IsolatedWorkload WithHostAnnotation()
    {
        var workload = Workload();
        workload.Spec.Template.Annotations = new() { ["io.microsoft.virtualmachine.cpugroup.id"] = "x" };
        return workload;
    }
}
