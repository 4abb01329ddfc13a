using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;
using static HyperVIsolation.Operator.Tests.Reconciliation.ReconciliationInputs;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class PodRendererTests
{
    [Fact]
    public void Render_Metadata_GeneratedNameNamespaceLabelsAndControllerReference()
    {
        var workload = Workload("web");
        workload.Spec.Template.Labels = new() { ["app"] = "web", [WellKnownLabels.Workload] = "spoofed" };
        var plan = PlanFor(workload);

        var pod = PodRenderer.Render(workload, plan);

        pod.Metadata.Name.Should().BeNull();
        pod.Metadata.GenerateName.Should().Be("web-");
        pod.Metadata.NamespaceProperty.Should().Be("tenant-a");
        pod.Metadata.Labels.Should().Equal(new Dictionary<string, string>
        {
            ["app"] = "web",
            [WellKnownLabels.Workload] = "web",
            [WellKnownLabels.TemplateHash] = plan.TemplateHash,
        });
        pod.Metadata.OwnerReferences.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1OwnerReference
        {
            ApiVersion = "isolation.hyperv.dev/v1alpha1",
            Kind = "IsolatedWorkload",
            Name = "web",
            Uid = "uid-web",
            Controller = true,
            BlockOwnerDeletion = true,
        });
    }

    [Fact]
    public void Render_HyperVPlan_VmAnnotationsHardeningAndTemplateAnnotations()
    {
        var workload = Workload(vm: new UtilityVmOverrides { MemoryMiB = 2048, ProcessorCount = 2 });
        var plan = PlanFor(workload, policies: Policy());

        // Admission and the planner reject io.microsoft. template keys; the renderer drops them too.
        workload.Spec.Template.Annotations = new() { ["team"] = "blue", ["io.microsoft.virtualmachine.cpugroup.id"] = "host-knob" };

        var pod = PodRenderer.Render(workload, plan);

        pod.Metadata.Annotations.Should().Equal(new Dictionary<string, string>
        {
            ["team"] = "blue",
            [HcsAnnotations.MemorySizeInMb] = "2048",
            [HcsAnnotations.ProcessorCount] = "2",
            [HcsAnnotations.DisableUnsafeOperations] = "true",
        });
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "true")]
    public void Render_DisableUnsafeOperationsFromPolicy_AnnotationOnlyWhenPolicySaysSo(bool policyDisables, string? expected)
    {
        var workload = Workload();
        var plan = PlanFor(workload, policies: Policy(disableUnsafeOperations: policyDisables));

        var annotations = PodRenderer.Render(workload, plan).Metadata.Annotations;

        (annotations?.TryGetValue(HcsAnnotations.DisableUnsafeOperations, out var value) == true ? value : null).Should().Be(expected);
    }

    [Fact]
    public void Render_Spec_WindowsPlacementSecureDefaultsAndNoOverhead()
    {
        var workload = Workload();
        var plan = PlanFor(workload, Nodes(Ws2019, Ws2022, Ws2025), policies: []);
        workload.Spec.Template.TerminationGracePeriodSeconds = 45;
        workload.Spec.Template.ImagePullSecrets = ["acr"];

        var spec = PodRenderer.Render(workload, plan).Spec;

        spec.RuntimeClassName.Should().Be("hyperv-ltsc2025");
        spec.Os.Name.Should().Be("windows");
        spec.NodeSelector.Should().Equal(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" });
        spec.Tolerations.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" });
        spec.ImagePullSecrets.Should().ContainSingle().Which.Name.Should().Be("acr");
        spec.TerminationGracePeriodSeconds.Should().Be(45);
        spec.EnableServiceLinks.Should().BeFalse();
        spec.AutomountServiceAccountToken.Should().BeFalse();
        spec.Overhead.Should().BeNull();
    }

    [Fact]
    public void Render_Affinity_RequiresCompatibleBuildsAndReadyLabel()
    {
        var workload = Workload(os: new OsSelection { Version = Api.Windows.WindowsVersion.Ltsc2019 });
        var plan = PlanFor(workload, Nodes(Ws2019, Ws2022, Ws2025));

        var terms = PodRenderer.Render(workload, plan).Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;

        terms.Should().ContainSingle().Which.MatchExpressions.Should().BeEquivalentTo(new[]
        {
            new V1NodeSelectorRequirement { Key = WellKnownLabels.WindowsBuild, OperatorProperty = "In", Values = ["10.0.17763", "10.0.20348", "10.0.26100"] },
            new V1NodeSelectorRequirement { Key = WellKnownLabels.NodeReady, OperatorProperty = "In", Values = ["true"] },
        });
    }

    [Fact]
    public void Render_Containers_ResolvedImagesAndEverySetting()
    {
        var container = new WorkloadContainer
        {
            Name = "api",
            Images = new() { ["ltsc2022"] = "contoso.azurecr.io/api:1-ltsc2022", ["ltsc2019"] = "contoso.azurecr.io/api:1-ltsc2019" },
            Command = ["api.exe"],
            Args = ["--port", "8080"],
            WorkingDir = @"C:\app",
            Env = [new EnvironmentVariable { Name = "MODE", Value = "prod" }],
            Ports = [new ContainerPortSpec { Name = "http", ContainerPort = 8080, Protocol = PortProtocol.TCP }],
            Resources = new ContainerResources
            {
                Requests = new() { ["cpu"] = new ResourceQuantity("500m"), ["memory"] = new ResourceQuantity("256Mi") },
                Limits = new() { ["memory"] = new ResourceQuantity("512Mi") },
            },
        };
        var workload = Workload(containers: [container, Container("sidecar")]);
        var plan = PlanFor(workload);

        var containers = PodRenderer.Render(workload, plan).Spec.Containers;

        containers.Should().HaveCount(2);
        var api = containers[0];
        api.Name.Should().Be("api");
        api.Image.Should().Be("contoso.azurecr.io/api:1-ltsc2022");
        api.Command.Should().Equal("api.exe");
        api.Args.Should().Equal("--port", "8080");
        api.WorkingDir.Should().Be(@"C:\app");
        api.Env.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1EnvVar { Name = "MODE", Value = "prod" });
        api.Ports.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" });
        api.Resources.Requests.Keys.Should().BeEquivalentTo("cpu", "memory", WellKnownResources.HyperVVm);
        api.Resources.Requests["cpu"].ToString().Should().Be("500m");
        api.Resources.Limits["memory"].ToString().Should().Be("512Mi");
        api.Resources.Requests[WellKnownResources.HyperVVm].ToString().Should().Be("1", "the first container requests the pod's one VM");
        api.Resources.Limits[WellKnownResources.HyperVVm].ToString().Should().Be("1", "an extended resource's limit equals its request");
        containers[1].Image.Should().Be("mcr.microsoft.com/windows/nanoserver:ltsc2022");
        containers[1].Resources.Should().BeNull();
    }

    [Fact]
    public void Render_TemplateAsksForVms_OnlyTheFirstContainerHoldsExactlyOne()
    {
        var greedy = new ContainerResources { Limits = new() { [WellKnownResources.HyperVVm] = new ResourceQuantity("3") } };
        var first = Container("first");
        var second = Container("second");
        second.Resources = greedy;
        var workload = Workload(containers: [first, second]);

        var containers = PodRenderer.Render(workload, PlanFor(workload)).Spec.Containers;

        containers[0].Resources.Requests.Should().ContainSingle().Which.Key.Should().Be(WellKnownResources.HyperVVm);
        containers[0].Resources.Limits[WellKnownResources.HyperVVm].ToString().Should().Be("1");
        containers[1].Resources.Should().BeNull("a second container asking for VMs would hold one another pod needs");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_ReadinessGateSetting_GateOnlyWhenEnabled(bool enabled)
    {
        var workload = Workload();
        var plan = PlanFor(workload, options: new ReconciliationOptions { ReadinessGateEnabled = enabled });

        var gates = PodRenderer.Render(workload, plan).Spec.ReadinessGates;

        if (enabled)
        {
            gates.Should().ContainSingle().Which.ConditionType.Should().Be("isolation.hyperv.dev/vm-verified");
        }
        else
        {
            gates.Should().BeNull();
        }
    }

    [Fact]
    public void Render_ProcessIsolation_NoRuntimeClassNoVmAnnotations()
    {
        var workload = Workload(isolation: IsolationMode.Process);
        var plan = PlanFor(workload, policies: Policy(allowProcessIsolation: true));

        var pod = PodRenderer.Render(workload, plan);

        pod.Spec.RuntimeClassName.Should().BeNull();
        pod.Metadata.Annotations.Should().BeNull();
        pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Values
            .Should().Equal("10.0.20348");
    }

    [Fact]
    public void Render_ResourceQuantities_AreCopiesNotShared()
    {
        var workload = Workload(containers: new WorkloadContainer
        {
            Name = "app",
            Resources = new ContainerResources { Requests = new() { ["cpu"] = new ResourceQuantity("1") } },
        });
        var plan = PlanFor(workload);

        var pod = PodRenderer.Render(workload, plan);
        pod.Spec.Containers[0].Resources.Requests["cpu"] = new ResourceQuantity("2");

        workload.Spec.Template.Containers[0].Resources!.Requests!["cpu"].ToString().Should().Be("1");
    }
}
