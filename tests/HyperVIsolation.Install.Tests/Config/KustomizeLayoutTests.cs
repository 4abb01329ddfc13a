using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Config;

/// <summary>
/// config/ in the kubebuilder layout (crd, rbac, manager, webhook, certmanager, prometheus, default,
/// samples) against the chart: <c>kubectl kustomize config/default</c> and <c>helm template</c> with
/// default values give the same objects, kind by kind, apart from labels and the Namespace Helm
/// creates itself; so do config/default with config/prometheus and config/certmanager added and the
/// chart with the values that turn the same parts on.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class KustomizeLayoutTests(ClientTools tools, ApiServer server)
{
    private const string OperatorNamespace = "hyperv-isolation";

    private const string CertManagerAnnotation = "cert-manager.io/inject-ca-from";

    /// <summary>Optional parts of config/ (as config/default's comments tell users to add them) and the chart values that mean the same.</summary>
    public static TheoryData<string[], string[], string[]> Options => new()
    {
        { ["../prometheus"], [], ["--set", "serviceMonitor.enabled=true"] },
        { [], ["../certmanager"], ["--set", "webhook.certManager.enabled=true"] },
        { ["../prometheus"], ["../certmanager"], ["--set", "serviceMonitor.enabled=true", "--set", "webhook.certManager.enabled=true"] },
    };

    [Fact]
    public async Task Kustomize_ConfigDefault_SameObjectsAsTheChartKindByKind()
    {
        var chart = await BuildAsync(RenderChartAsync());
        var config = await BuildAsync(tools.KubectlAsync("kustomize", "config/default"));

        ShouldMatch(config, chart);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Kustomize_ConfigDefaultWithOptions_SameObjectsAsTheChartWithTheValues(string[] resources, string[] components, string[] values)
    {
        var overlay = Directory.CreateTempSubdirectory("install-tests-overlay-");
        try
        {
            var chart = await BuildAsync(RenderChartAsync(values));
            var config = await BuildAsync(tools.KubectlAsync("kustomize", "--load-restrictor", "LoadRestrictionsNone", WriteOverlay(overlay.FullName, resources, components)));

            ShouldMatch(config, chart);
            foreach (var webhooks in chart.Keys.Where(identity => identity.Contains("WebhookConfiguration/", StringComparison.Ordinal)))
            {
                // Annotations are left out of the comparison; cainjector acts on this one, so it is compared here.
                Annotation(config[webhooks], CertManagerAnnotation).Should().Be(Annotation(chart[webhooks], CertManagerAnnotation), webhooks);
            }
        }
        finally
        {
            overlay.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Kustomize_ConfigDefaultWithCertManager_WebhookConfigurationsAskCainjectorForTheCertificatesCa()
    {
        var overlay = Directory.CreateTempSubdirectory("install-tests-overlay-");
        try
        {
            var config = await BuildAsync(tools.KubectlAsync("kustomize", "--load-restrictor", "LoadRestrictionsNone", WriteOverlay(overlay.FullName, [], ["../certmanager"])));

            config.Should().ContainKey($"Certificate/{OperatorNamespace}/hyperv-isolation-webhook");
            Annotation(config["MutatingWebhookConfiguration/hyperv-isolation"], CertManagerAnnotation).Should().Be($"{OperatorNamespace}/hyperv-isolation-webhook");
            Annotation(config["ValidatingWebhookConfiguration/hyperv-isolation"], CertManagerAnnotation).Should().Be($"{OperatorNamespace}/hyperv-isolation-webhook");
            var manager = CanonicalManifest.Of(config[$"Deployment/{OperatorNamespace}/hyperv-isolation"]);
            manager.Should().Contain("Webhook__CertificateDirectory").And.NotContain("Webhook__ManageConfigurations", "the operator must not write caBundle over cainjector's");
        }
        finally
        {
            overlay.Delete(recursive: true);
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

    private Task<ProcessResult> RenderChartAsync(params string[] values) =>
        tools.HelmAsync(4, ["template", "hyperv-isolation", "charts/hyperv-isolation", "--namespace", OperatorNamespace, "--include-crds", .. values]);

    private static void ShouldMatch(Dictionary<string, YamlMappingNode> config, Dictionary<string, YamlMappingNode> chart)
    {
        config.Keys.Except(chart.Keys).Should().Equal($"Namespace/{OperatorNamespace}");
        chart.Keys.Except(config.Keys).Should().BeEmpty("config/ must hold every object the chart renders");
        foreach (var kind in chart.Keys.GroupBy(identity => identity.Split('/')[0]))
        {
            foreach (var identity in kind)
            {
                CanonicalManifest.Of(config[identity]).Should().Be(CanonicalManifest.Of(chart[identity]), $"{identity} in config/ must match the chart's");
            }
        }
    }

    // An overlay of config/default in a scratch directory, adding config/ parts by the same relative
    // paths config/default would use; returns the directory.
    private static string WriteOverlay(string directory, string[] resources, string[] components)
    {
        var configDefault = Path.GetRelativePath(directory, RepositoryRoot.Combine("config/default"));
        string Beside(string relative) => Path.Combine(configDefault, relative).Replace('\\', '/');
        var text = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
            + string.Concat(new[] { configDefault }.Concat(resources.Select(Beside)).Select(path => $"  - {path}\n"))
            + (components.Length == 0 ? string.Empty : "components:\n" + string.Concat(components.Select(c => $"  - {Beside(c)}\n")));
        File.WriteAllText(Path.Combine(directory, "kustomization.yaml"), text);
        return directory;
    }

    private static string? Annotation(YamlMappingNode document, string key) =>
        ((YamlMappingNode)document["metadata"]).Children.TryGetValue("annotations", out var annotations)
        && ((YamlMappingNode)annotations).Children.TryGetValue(key, out var value)
            ? value.ToString()
            : null;

    private static async Task<Dictionary<string, YamlMappingNode>> BuildAsync(Task<ProcessResult> build)
    {
        var result = await build;
        result.ExitCode.Should().Be(0, result.Error);
        return YamlDocuments.Parse(result.Output).ToDictionary(YamlDocuments.Identity);
    }
}
