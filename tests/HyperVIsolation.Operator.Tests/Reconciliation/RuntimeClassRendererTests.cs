using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Reconciliation;
using HyperVIsolation.Operator.Sizing;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

public sealed class RuntimeClassRendererTests
{
    private static readonly VmSizer Sizer = new(new GuestOsFootprints());

    [Fact]
    public void Render_Ltsc2022_HandlerLabelsSchedulingAndTolerations()
    {
        var runtimeClass = RuntimeClassRenderer.Render(WindowsBuild.Ltsc2022, [OsFlavor.NanoServer], Sizer);

        runtimeClass.ApiVersion.Should().Be("node.k8s.io/v1");
        runtimeClass.Kind.Should().Be("RuntimeClass");
        runtimeClass.Metadata.Name.Should().Be("hyperv-ltsc2022");
        runtimeClass.Metadata.Labels.Should().Equal(new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "hyperv-isolation" });
        runtimeClass.Handler.Should().Be("runhcs-wcow-hypervisor");
        runtimeClass.Scheduling.NodeSelector.Should().Equal(new Dictionary<string, string>
        {
            ["kubernetes.io/os"] = "windows",
            ["node.kubernetes.io/windows-build"] = "10.0.20348",
            ["isolation.hyperv.dev/ready"] = "true",
        });
        runtimeClass.Scheduling.Tolerations.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new V1Toleration { Key = "os", OperatorProperty = "Equal", Value = "windows", Effect = "NoSchedule" });
        RuntimeClassOwnership.IsOurs(runtimeClass).Should().BeTrue();
    }

    [Theory]
    [InlineData(new[] { OsFlavor.NanoServer }, "512Mi", "100m")]
    [InlineData(new[] { OsFlavor.ServerCore }, "1Gi", "200m")]
    [InlineData(new[] { OsFlavor.NanoServer, OsFlavor.ServerCore }, "1Gi", "200m")]
    [InlineData(new[] { OsFlavor.Server, OsFlavor.NanoServer, OsFlavor.NanoServer }, "1536Mi", "250m")]
    public void Render_FlavorsSharingABuild_LargestOverhead(OsFlavor[] flavors, string memory, string cpu)
    {
        var podFixed = RuntimeClassRenderer.Render(WindowsBuild.Ltsc2025, flavors, Sizer).Overhead.PodFixed;

        podFixed["memory"].ToDecimal().Should().Be(new ResourceQuantity(memory).ToDecimal());
        podFixed["cpu"].ToDecimal().Should().Be(new ResourceQuantity(cpu).ToDecimal());
    }

    [Fact]
    public void Render_LargestPerResource_CpuAndMemoryFromDifferentFlavors()
    {
        var footprints = new GuestOsFootprints
        {
            NanoServer = new GuestOsFootprint { MemoryMiB = 512, CpuMillicores = 400 },
            ServerCore = new GuestOsFootprint { MemoryMiB = 1024, CpuMillicores = 100 },
        };

        var podFixed = RuntimeClassRenderer.Render(WindowsBuild.Ltsc2022, [OsFlavor.NanoServer, OsFlavor.ServerCore], new VmSizer(footprints)).Overhead.PodFixed;

        podFixed["memory"].ToString().Should().Be("1Gi");
        podFixed["cpu"].ToString().Should().Be("400m");
    }

    [Fact]
    public void Render_NoFlavor_Throws()
    {
        var act = () => RuntimeClassRenderer.Render(WindowsBuild.Ltsc2022, [], Sizer);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void RenderAll_Demands_OneClassPerHostBuildOrderedByBuild()
    {
        RuntimeClassDemand[] demands =
        [
            new(WindowsBuild.Ltsc2025, OsFlavor.NanoServer),
            new(WindowsBuild.Ltsc2019, OsFlavor.ServerCore),
            new(WindowsBuild.Ltsc2025, OsFlavor.ServerCore),
            new(WindowsBuild.V23H2, OsFlavor.NanoServer),
        ];

        var classes = RuntimeClassRenderer.RenderAll(demands, Sizer);

        classes.Select(runtimeClass => runtimeClass.Metadata.Name).Should().Equal("hyperv-ltsc2019", "hyperv-25398", "hyperv-ltsc2025");
        classes[2].Overhead.PodFixed["memory"].ToString().Should().Be("1Gi");
    }

    [Fact]
    public void Demand_OfPlans_HyperVOnly()
    {
        var hyperV = ReconciliationInputs.PlanFor(ReconciliationInputs.Workload());
        var process = hyperV with { RuntimeClass = null };

        RuntimeClassDemand.Of(hyperV).Should().Be(new RuntimeClassDemand(WindowsBuild.Ltsc2022, OsFlavor.NanoServer));
        RuntimeClassDemand.Of(process).Should().BeNull();
    }

    public static TheoryData<V1RuntimeClass?, bool> Ownership => new()
    {
        { null, false },
        { new V1RuntimeClass(), false },
        { new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "hyperv-ltsc2022" } }, false },
        { Labelled("app.kubernetes.io/managed-by", "helm"), false },
        { Labelled("app.kubernetes.io/managed-by", "Hyperv-Isolation"), false },
        { Labelled("managed-by", "hyperv-isolation"), false },
        { Labelled("app.kubernetes.io/managed-by", "hyperv-isolation"), true },
    };

    [Theory]
    [MemberData(nameof(Ownership))]
    public void IsOurs_ManagedByLabel_OnlyExactLabelCounts(V1RuntimeClass? runtimeClass, bool expected) =>
        RuntimeClassOwnership.IsOurs(runtimeClass).Should().Be(expected);

    private static V1RuntimeClass Labelled(string key, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = "hyperv-ltsc2022", Labels = new Dictionary<string, string> { [key] = value } },
        Handler = "runhcs-wcow-hypervisor",
    };
}
