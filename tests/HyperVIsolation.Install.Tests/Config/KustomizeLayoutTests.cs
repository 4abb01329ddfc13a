using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Config;

/// <summary>
/// config/ in the kubebuilder layout (crd, rbac, manager, webhook, default, samples) against the
/// chart: <c>kubectl kustomize config/default</c> and <c>helm template</c> with default values give
/// the same objects, kind by kind, apart from labels and the Namespace Helm creates itself.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class KustomizeLayoutTests(ClientTools tools, ApiServer server)
{
    private const string OperatorNamespace = "hyperv-isolation";

    [Fact]
    public async Task Kustomize_ConfigDefault_SameObjectsAsTheChartKindByKind()
    {
        var chart = await BuildAsync(tools.HelmAsync(4, "template", "hyperv-isolation", "charts/hyperv-isolation", "--namespace", OperatorNamespace, "--include-crds"));
        var config = await BuildAsync(tools.KubectlAsync("kustomize", "config/default"));

        config.Keys.Except(chart.Keys).Should().Equal($"Namespace/{OperatorNamespace}");
        chart.Keys.Except(config.Keys).Should().BeEmpty("config/default must hold every object the chart renders");
        foreach (var kind in chart.Keys.GroupBy(identity => identity.Split('/')[0]))
        {
            foreach (var identity in kind)
            {
                CanonicalManifest.Of(config[identity]).Should().Be(CanonicalManifest.Of(chart[identity]), $"{identity} in config/ must match the chart's");
            }
        }
    }

    [Fact]
    public async Task ApplyServerDryRunStrict_ConfigDefault_EveryObjectAccepted()
    {
        // The namespace for real (harmless), the rest as a dry run: real webhooks would intercept the other tests' requests.
        await tools.KubectlAsync("--kubeconfig", server.KubeconfigPath, "apply", "-f", "config/manager/namespace.yaml");
        await tools.KubectlAsync("--kubeconfig", server.KubeconfigPath, "apply", "-k", "config/crd");

        var result = await tools.KubectlAsync("--kubeconfig", server.KubeconfigPath, "apply", "--dry-run=server", "--validate=strict", "-k", "config/default");

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("deployment.apps/hyperv-isolation").And.Contain("validatingwebhookconfiguration.admissionregistration.k8s.io/hyperv-isolation");
    }

    [Fact]
    public void Of_KeyOrderQuotingAndLabels_Ignored_SpecCompared()
    {
        var left = YamlDocuments.Parse("kind: Service\nmetadata:\n  name: a\n  labels: {x: y}\nspec:\n  port: 443\n  name: \"web\"\n").Single();
        var same = YamlDocuments.Parse("metadata:\n  name: a\nkind: Service\nspec:\n  name: web\n  port: \"443\"\n").Single();
        var different = YamlDocuments.Parse("kind: Service\nmetadata:\n  name: a\nspec:\n  port: 444\n  name: web\n").Single();

        CanonicalManifest.Of(same).Should().Be(CanonicalManifest.Of(left));
        CanonicalManifest.Of(different).Should().NotBe(CanonicalManifest.Of(left));
    }

    private static async Task<Dictionary<string, YamlMappingNode>> BuildAsync(Task<ProcessResult> build)
    {
        var result = await build;
        result.ExitCode.Should().Be(0, result.Error);
        return YamlDocuments.Parse(result.Output).ToDictionary(YamlDocuments.Identity);
    }
}
