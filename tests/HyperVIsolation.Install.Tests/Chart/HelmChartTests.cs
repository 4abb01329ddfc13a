using HyperVIsolation.Install.Tests.Tools;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>The chart with the real Helm 3 (3.18) and Helm 4: lint in strict mode and render with each documented mode.</summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class HelmChartTests(ClientTools tools)
{
    public static TheoryData<int, string[]> ValueSets
    {
        get
        {
            var sets = new TheoryData<int, string[]>();
            foreach (var major in (int[])[3, 4])
            {
                sets.Add(major, []);
                sets.Add(major, ["--set", "webhook.certManager.enabled=true"]);
                sets.Add(major, ["--set", "webhook.enabled=false", "--set", "podDisruptionBudget.enabled=false"]);
                sets.Add(major, [
                    "--set", "serviceMonitor.enabled=true", "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.podMonitor.enabled=true",
                    "--set", "webhook.networkPolicy.enabled=true", "--set", "webhook.networkPolicy.apiServerPeers[0].ipBlock.cidr=10.0.0.0/8"]);
            }

            return sets;
        }
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task LintStrict_Chart_NoWarnings(int helmMajor)
    {
        var lint = await tools.HelmAsync(helmMajor, "lint", "--strict", "charts/hyperv-isolation");

        lint.ExitCode.Should().Be(0, lint.All);
        lint.Output.Should().Contain("0 chart(s) failed").And.NotContain("[WARNING]");
    }

    [Theory]
    [MemberData(nameof(ValueSets))]
    public async Task Template_ValueSet_SameObjectsWithHelm3AndHelm4(int helmMajor, string[] values)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, values);
        var reference = await tools.HelmTemplateAsync(4, values);

        rendered.ExitCode.Should().Be(0, rendered.Error);
        YamlDocuments.Parse(rendered.Output).Select(YamlDocuments.Identity)
            .Should().BeEquivalentTo(YamlDocuments.Parse(reference.Output).Select(YamlDocuments.Identity));
    }
}
