using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Readiness;

namespace HyperVIsolation.NodeAgent.Tests.Readiness;

public sealed class NodeReadinessDecisionTests
{
    private const string BareConfig = """
        version = 3

        [plugins.'io.containerd.cri.v1.runtime'.containerd]
          default_runtime_name = 'runhcs-wcow-process'

        [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-process]
          runtime_type = 'io.containerd.runhcs.v1'
        """;

    [Fact]
    public void Plan_BareNode_AddsTheImportAndTheDropIn()
    {
        var plan = ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2022, BareConfig, null);

        plan.Changed.Should().BeTrue();
        plan.ConfigText.Should().Contain(HyperVHandlerDropIn.FileName);
        plan.DropInText.Should().Contain(HyperVHandlerDropIn.HandlerName(WindowsBuild.Ltsc2022));
    }

    [Fact]
    public void Plan_AlreadyConfigured_ChangesNothing()
    {
        var first = ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2022, BareConfig, null);

        var second = ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2022, first.ConfigText, first.DropInText);

        second.Changed.Should().BeFalse();
    }

    [Fact]
    public void Plan_DropInEditedBySomeoneElse_RewritesIt()
    {
        var first = ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2022, BareConfig, null);

        var again = ContainerdConfigurationPlan.For(
            ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2022, first.ConfigText, first.DropInText.Replace("disable-unsafe-operations", "x", StringComparison.Ordinal));

        again.DropInChanged.Should().BeTrue();
        again.ConfigChanged.Should().BeFalse();
    }

    [Fact]
    public async Task Verify_DropInInPlace_NoProblems()
    {
        var config = await LoadAsync(ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2025, BareConfig, null));

        HyperVHandlerVerifier.Verify(config, WindowsBuild.Ltsc2025).Should().BeEmpty();
    }

    [Fact]
    public async Task Verify_DropInForAnotherBuild_NamesTheMissingHandler()
    {
        var config = await LoadAsync(ContainerdConfigurationPlan.For(ContainerdConfigVersions.Containerd2, WindowsBuild.Ltsc2019, BareConfig, null));

        HyperVHandlerVerifier.Verify(config, WindowsBuild.Ltsc2025).Should().ContainSingle()
            .Which.Should().Contain(HyperVHandlerDropIn.HandlerName(WindowsBuild.Ltsc2025));
    }

    [Fact]
    public async Task Verify_HandlerWithoutAllowList_ReportsEveryDroppedAnnotation()
    {
        var config = await LoadAsync(new ContainerdConfigurationPlan(
            BareConfig + """

            [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-hypervisor]
              runtime_type = 'io.containerd.runhcs.v1'
              [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runhcs-wcow-hypervisor.options]
                SandboxIsolation = 1
                ScaleCpuLimitsToSandbox = true
            """,
            "version = 3\n",
            true,
            true));

        var problems = HyperVHandlerVerifier.Verify(config, WindowsBuild.Ltsc2022);

        problems.Should().Contain(p => p.Contains("disable-unsafe-operations", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("memory.sizeinmb", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("no runtime handler runhcs-wcow-hypervisor-20348", StringComparison.Ordinal));
    }

    private static async Task<ContainerdConfig> LoadAsync(ContainerdConfigurationPlan plan)
    {
        var directory = Directory.CreateTempSubdirectory("readiness-");
        try
        {
            var main = Path.Combine(directory.FullName, "config.toml");
            await File.WriteAllTextAsync(main, plan.ConfigText);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, HyperVHandlerDropIn.FileName), plan.DropInText);
            return await ContainerdConfigLoader.LoadAsync(main, CancellationToken.None);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
