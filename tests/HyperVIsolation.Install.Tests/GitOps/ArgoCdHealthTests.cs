using System.Text.RegularExpressions;
using HyperVIsolation.Install.Tests.Tools;

namespace HyperVIsolation.Install.Tests.GitOps;

/// <summary>
/// The Argo CD health checks shipped in the chart's docs, run by real Lua interpreters on status
/// fixtures: Lua 5.1 (the language of Argo CD's gopher-lua) and Lua 5.4.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed partial class ArgoCdHealthTests(ClientTools tools) : IDisposable
{
    private static readonly string Runner = Path.Combine(AppContext.BaseDirectory, "Tools", "health-runner.lua");
    private readonly string _scratch = Directory.CreateTempSubdirectory("argocd-health-").FullName;

    public static TheoryData<string> Interpreters => ["lua5.1", "lua5.4"];

    public static TheoryData<string, string, string, string> Cases => HealthFixtures.Cases;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HealthCheck_Fixture_ReportsStatusOnLua51AndLua54(string fixture, string check, string status, string message)
    {
        foreach (var interpreter in (string[])["lua5.1", "lua5.4"])
        {
            var (actualStatus, actualMessage) = await RunAsync(interpreter, check, HealthFixtures.Object(fixture));

            actualStatus.Should().Be(status, $"{interpreter} on {fixture}");
            actualMessage.Should().Contain(message, $"{interpreter} on {fixture}");
        }
    }

    [Theory]
    [MemberData(nameof(Interpreters))]
    public async Task HealthCheck_StatusWithoutConditions_DoesNotFail(string interpreter)
    {
        var workload = HealthFixtures.Object("workload-no-status") + "status:\n  observedGeneration: 1\n";

        var (status, _) = await RunAsync(interpreter, HealthFixtures.WorkloadCheck, workload);

        status.Should().Be("Progressing");
    }

    [Fact]
    public void Readme_ArgoCdSnippet_IsTheShippedWorkloadCheck()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var snippet = ReadmeWorkloadCheck().Match(readme);

        snippet.Success.Should().BeTrue("README.md shows the IsolatedWorkload check under resource.customizations.health");
        var script = string.Join('\n', snippet.Groups["body"].Value.TrimEnd('\n').Split('\n').Select(line => line.Length >= 2 ? line[2..] : line)) + "\n";
        script.Should().Be(File.ReadAllText(RepositoryRoot.Combine(HealthFixtures.WorkloadCheck)));
    }

    [Fact]
    public async Task Kustomize_ArgoCdConfigMap_CarriesBothChecksUnderArgoCdKeys()
    {
        var built = await tools.KubectlAsync("kustomize", "charts/hyperv-isolation/docs/argocd");
        built.ExitCode.Should().Be(0, built.Error);

        var configMap = YamlDocuments.Parse(built.Output).Should().ContainSingle().Subject;
        YamlDocuments.Identity(configMap).Should().Be("ConfigMap/argocd/argocd-cm");
        var data = (YamlDotNet.RepresentationModel.YamlMappingNode)configMap["data"];
        data["resource.customizations.health.isolation.hyperv.dev_IsolatedWorkload"].ToString()
            .Should().Be(File.ReadAllText(RepositoryRoot.Combine(HealthFixtures.WorkloadCheck)));
        data["resource.customizations.health.isolation.hyperv.dev_IsolationPolicy"].ToString()
            .Should().Be(File.ReadAllText(RepositoryRoot.Combine(HealthFixtures.PolicyCheck)));
    }

    private async Task<(string Status, string Message)> RunAsync(string interpreter, string check, string objectYaml)
    {
        var objectFile = Path.Combine(_scratch, $"{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(objectFile, "return " + LuaLiteral.From(YamlDocuments.Parse(objectYaml).Single()) + "\n");

        var result = await tools.RunAsync(interpreter, [Runner, RepositoryRoot.Combine(check), objectFile]);

        result.ExitCode.Should().Be(0, $"{interpreter} must run {check}:\n{result.All}");
        var lines = result.Output.Split('\n');
        return (lines[0], lines.Length > 1 ? lines[1] : "");
    }

    [GeneratedRegex(@"resource\.customizations\.health\.isolation\.hyperv\.dev_IsolatedWorkload: \|\n(?<body>(?:  .*\n|\n)+?)```")]
    private static partial Regex ReadmeWorkloadCheck();
}
