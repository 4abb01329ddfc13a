using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s.Models;

namespace HyperVIsolation.SimulatedNodes.Tests.Kubelet;

public sealed class PodStartupDecisionTests
{
    private static readonly V1RuntimeClass HyperV = new() { Metadata = new V1ObjectMeta { Name = "hv" }, Handler = "runhcs-wcow-hypervisor" };

    [Fact]
    public void Decide_AllowListedAnnotations_SizeVm()
    {
        var pod = Pod("mcr.microsoft.com/windows/nanoserver:ltsc2019", "hv");
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            [HcsAnnotations.MemorySizeInMb] = "3000",
            [HcsAnnotations.ProcessorCount] = "4",
            ["io.microsoft.container.processor.count"] = "1",
        };

        var plan = PodStartupDecision.Decide(pod, HyperV, Facts(WindowsBuild.Ltsc2022, allowList: true));

        plan.Isolation.Should().Be(IsolationMode.HyperV);
        plan.SandboxError.Should().BeNull();
        plan.ContainerErrors.Should().BeEmpty("Hyper-V runs older images");
        plan.VmSize!.MemoryMb.Should().Be(3000);
        plan.VmSize.ProcessorCount.Should().Be(4);
        plan.ShimAnnotations.Keys.Should().BeEquivalentTo([HcsAnnotations.MemorySizeInMb, HcsAnnotations.ProcessorCount]);
    }

    [Fact]
    public void Decide_NoAllowList_DefaultVm()
    {
        var pod = Pod("mcr.microsoft.com/windows/nanoserver:ltsc2022", "hv");
        pod.Metadata.Annotations = new Dictionary<string, string> { [HcsAnnotations.MemorySizeInMb] = "3000" };

        var plan = PodStartupDecision.Decide(pod, HyperV, Facts(WindowsBuild.Ltsc2022, allowList: false));

        plan.ShimAnnotations.Should().BeEmpty();
        plan.VmSize.Should().Be(new SimulatedNodes.Hcs.UtilityVmSize(1024, 2, 100000, 100));
    }

    [Theory]
    [InlineData("ltsc2022", 17763, "hv", true)]
    [InlineData("ltsc2019", 20348, "hv", false)]
    [InlineData("ltsc2019", 20348, null, true)]
    [InlineData("ltsc2022", 26100, null, false)]
    [InlineData("ltsc2025", 26100, null, false)]
    public void Decide_ImageBuildAgainstHost_MismatchOnlyWhenItCannotRun(string tag, int host, string? runtimeClass, bool mismatch)
    {
        var pod = Pod("mcr.microsoft.com/windows/servercore:" + tag, runtimeClass);

        var plan = PodStartupDecision.Decide(pod, runtimeClass is null ? null : HyperV, Facts(new WindowsBuild(host), allowList: true));

        plan.ContainerErrors.ContainsKey("app").Should().Be(mismatch);
        if (mismatch)
        {
            plan.ContainerErrors["app"].Reason.Should().Be("RunContainerError");
            plan.ContainerErrors["app"].Message.Should().Be(
                $"failed to create containerd task: failed to create shim task: hcs::CreateComputeSystem {RuntimeIds.Container("uid-1", "app")}: The container operating system does not match the host operating system.: unknown");
        }
    }

    [Fact]
    public void Decide_HandlerMissing_SandboxFailsLikeContainerd()
    {
        var custom = new V1RuntimeClass { Metadata = new V1ObjectMeta { Name = "c" }, Handler = "runhcs-wcow-hypervisor-26100" };

        var plan = PodStartupDecision.Decide(Pod("app:v1", "c"), custom, Facts(WindowsBuild.Ltsc2022, allowList: false));

        plan.SandboxError!.Reason.Should().Be("RunContainerError");
        plan.SandboxError.Message.Should().EndWith("failed to get sandbox runtime: no runtime for \"runhcs-wcow-hypervisor-26100\" is configured");
    }

    [Fact]
    public void Decide_RuntimeClassMissing_SandboxFails()
    {
        PodStartupDecision.Decide(Pod("app:v1", "ghost"), null, Facts(WindowsBuild.Ltsc2022, true)).SandboxError!.Message
            .Should().Contain("runtimeclass.node.k8s.io \"ghost\" not found");
    }

    [Fact]
    public void Decide_HyperVNotInstalled_SandboxFails()
    {
        var facts = Facts(WindowsBuild.Ltsc2022, true) with { HyperVEnabled = false };

        PodStartupDecision.Decide(Pod("app:v1", "hv"), HyperV, facts).SandboxError!.Message
            .Should().Contain(PodStartupDecision.HyperVNotInstalledText);
    }

    [Fact]
    public void Decide_NoRuntimeClass_DefaultProcessHandler()
    {
        var plan = PodStartupDecision.Decide(Pod("app:v1", null), null, Facts(WindowsBuild.Ltsc2022, true));

        plan.Isolation.Should().Be(IsolationMode.Process);
        plan.VmSize.Should().BeNull();
        plan.SandboxError.Should().BeNull();
    }

    private static NodeRuntimeFacts Facts(WindowsBuild build, bool allowList)
    {
        var files = SimulatedContainerdConfig.Render(new NodeGroupConfig { Name = "g", WindowsBuild = build.LabelValue, HandlerAllowListConfigured = allowList });
        var main = ContainerdConfigParser.Parse(files.ConfigToml);
        var handlers = new Dictionary<string, ContainerdRuntimeHandler>(main.RuntimeHandlers);
        if (files.DropIn is not null)
        {
            foreach (var (name, handler) in ContainerdConfigParser.Parse(files.DropIn).RuntimeHandlers)
            {
                handlers[name] = handler;
            }
        }

        return new NodeRuntimeFacts(build, true, 8, main with { RuntimeHandlers = handlers }, SimulatedContainerdConfig.ProcessHandlerName);
    }

    private static V1Pod Pod(string image, string? runtimeClass) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "uid-1" },
        Spec = new V1PodSpec { RuntimeClassName = runtimeClass, Containers = [new V1Container { Name = "app", Image = image }] },
    };
}
