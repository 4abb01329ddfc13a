using HyperVIsolation.Install.Tests.Tools;

namespace HyperVIsolation.Install.Tests.Versions;

[Collection(ClientToolsDefinition.Name)]
public sealed class FieldVersionTests(ClientTools tools)
{
    private const string CrdWithRule = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          versions:
            - name: v1
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      x-kubernetes-validations:
                        - rule: has(self.size)
                          fieldPath: .size
        """;

    public static TheoryData<string> CrdDirectories => ["config/crd", "charts/hyperv-isolation/crds"];

    [Theory]
    [MemberData(nameof(CrdDirectories))]
    public void Problems_CommittedCrds_NoFieldNewerThanTheChartMinimum(string directory)
    {
        var crds = YamlDocuments.ReadFiles(directory);

        crds.Should().HaveCount(2);
        FieldVersionCheck.Problems(crds, ChartKubeVersion.MinimumMinor).Should().BeEmpty();
    }

    [Theory]
    [InlineData]
    [InlineData("--set", "webhook.certManager.enabled=true")]
    [InlineData("--set", "webhook.certManager.enabled=true", "--set", "webhook.certManager.issuerRef.name=corp-ca")]
    [InlineData("--set", "webhook.enabled=false", "--set", "podDisruptionBudget.enabled=false")]
    [InlineData(
        "--set", "serviceMonitor.enabled=true", "--set", "nodeAgent.enabled=true", "--set", "nodeAgent.podMonitor.enabled=true",
        "--set", "webhook.networkPolicy.enabled=true", "--set", "webhook.networkPolicy.apiServerPeers[0].ipBlock.cidr=10.0.0.0/8")]
    public async Task Problems_RenderedChart_NoFieldNewerThanTheChartMinimum(params string[] values)
    {
        var rendered = await tools.HelmTemplateAsync(4, values);
        rendered.ExitCode.Should().Be(0, rendered.Error);

        FieldVersionCheck.Problems(YamlDocuments.Parse(rendered.Output), ChartKubeVersion.MinimumMinor).Should().BeEmpty();
    }

    [Theory]
    [InlineData("config/default")]
    [InlineData("config/samples")]
    [InlineData("config/prometheus")]
    public async Task Problems_KustomizedConfig_NoFieldNewerThanTheChartMinimum(string directory)
    {
        var built = await tools.KubectlAsync("kustomize", directory);
        built.ExitCode.Should().Be(0, built.Error);

        FieldVersionCheck.Problems(YamlDocuments.Parse(built.Output), ChartKubeVersion.MinimumMinor).Should().BeEmpty();
    }

    [Fact]
    public void Problems_RuleFieldPathBelowKubernetes128_NamesTheFieldAndItsVersion()
    {
        var problems = FieldVersionCheck.Problems(YamlDocuments.Parse(CrdWithRule), minimumMinor: 27);

        problems.Should().ContainSingle().Which.Should()
            .StartWith("schema:x-kubernetes-validations[].fieldPath: needs Kubernetes 1.28").And.EndWith("the declared minimum is 1.27");
    }

    [Fact]
    public void Problems_RuleFieldPathAtKubernetes128_None()
    {
        FieldVersionCheck.Problems(YamlDocuments.Parse(CrdWithRule), minimumMinor: 28).Should().BeEmpty();
    }

    [Fact]
    public void Problems_UnclassifiedSchemaKeywordAndKind_AskToClassifyThem()
    {
        var manifests = CrdWithRule.Replace("fieldPath: .size", "x-kubernetes-future: true", StringComparison.Ordinal)
            + "\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";

        var problems = FieldVersionCheck.Problems(YamlDocuments.Parse(manifests), minimumMinor: 28);

        problems.Should().BeEquivalentTo(
            "example.com/v1 Widget: not in KubernetesFieldVersions; add it with the first Kubernetes version that serves it and the source",
            "schema:x-kubernetes-validations[].x-kubernetes-future: not in KubernetesFieldVersions; add it with the first Kubernetes version that serves it and the source");
    }

    [Fact]
    public void Problems_HostProcessDaemonSetBelowKubernetes126_Reported()
    {
        const string DaemonSet = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              template:
                spec:
                  securityContext:
                    windowsOptions:
                      hostProcess: true
            """;

        FieldVersionCheck.Problems(YamlDocuments.Parse(DaemonSet), minimumMinor: 25).Should().ContainSingle()
            .Which.Should().Contain("windowsOptions.hostProcess: needs Kubernetes 1.26");
    }

    [Theory]
    [InlineData(">=1.28.0-0", 28)]
    [InlineData(">= 1.30", 30)]
    [InlineData(">=v1.31.2-0 <1.40.0-0", 31)]
    public void Parse_Constraint_MinimumMinor(string constraint, int expected)
    {
        ChartKubeVersion.Parse(constraint).Should().Be(expected);
    }

    [Theory]
    [InlineData("^1.28")]
    [InlineData("<1.40")]
    public void Parse_NoLowerBound_Throws(string constraint)
    {
        var parse = () => ChartKubeVersion.Parse(constraint);

        parse.Should().Throw<FormatException>().WithMessage($"*'{constraint}'*");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_ClusterBelowTheMinimum_RefusedNamingKubeVersion(int helmMajor)
    {
        var below = await tools.HelmTemplateAsync(helmMajor, "--kube-version", $"1.{ChartKubeVersion.MinimumMinor - 1}.9");
        var atMinimum = await tools.HelmTemplateAsync(helmMajor, "--kube-version", $"1.{ChartKubeVersion.MinimumMinor}.0");

        below.ExitCode.Should().NotBe(0);
        below.Error.Should().Contain("kubeVersion");
        atMinimum.ExitCode.Should().Be(0, atMinimum.Error);
    }

    [Fact]
    public void Readme_SupportedVersions_StatesTheChartMinimum()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));

        readme.Should().Contain($"Kubernetes 1.{ChartKubeVersion.MinimumMinor} or newer");
    }
}
