using HyperVIsolation.Install.Tests.Tools;
using k8s;

namespace HyperVIsolation.Install.Tests.Config;

/// <summary>
/// The generated CRDs, config/ and the chart as the real kubectl 1.35 sends them with strict field
/// validation (to the local API server, which validates custom resources against the CRD schemas),
/// and built-in kinds decoded strictly into KubernetesClient's models, which are generated from
/// Kubernetes' own OpenAPI: an unknown or misspelt field fails either way.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class ClientValidationTests(ClientTools tools, ApiServer server)
{
    private const string MonitorCrds = "tests/HyperVIsolation.Install.Tests/TestData/prometheus-operator-monitors.crd.yaml";

    private static readonly string[] EveryOptionalObject =
    [
        "--set", "serviceMonitor.enabled=true",
        "--set", "nodeAgent.enabled=true",
        "--set", "nodeAgent.podMonitor.enabled=true",
        "--set", "webhook.networkPolicy.enabled=true",
        "--set", "webhook.networkPolicy.apiServerPeers[0].ipBlock.cidr=172.18.0.0/16",
    ];

    [Theory]
    [InlineData("-k", "config/crd")]
    [InlineData("-f", "charts/hyperv-isolation/crds")]
    public async Task ApplyServerDryRunStrict_Crds_Accepted(string flag, string path)
    {
        var result = await KubectlAsync("apply", "--dry-run=server", "--validate=strict", flag, path);

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("isolatedworkloads.isolation.hyperv.dev").And.Contain("isolationpolicies.isolation.hyperv.dev");
    }

    [Fact]
    public async Task ApplyStrict_SamplesAfterCrds_AllAcceptedInOrder()
    {
        await InstallCrdsAsync();

        var result = await KubectlAsync("apply", "--validate=strict", "-k", "config/samples");

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]).Should().Equal(
            "namespace/tenant-untrusted",
            "isolationpolicy.isolation.hyperv.dev/untrusted-tenants",
            "isolatedworkload.isolation.hyperv.dev/nanoserver-web",
            "isolatedworkload.isolation.hyperv.dev/dotnet-framework-app",
            "isolatedworkload.isolation.hyperv.dev/per-version-images");
    }

    [Fact]
    public async Task ApplyServerDryRunStrict_SampleWithUnknownField_RejectedNamingTheField()
    {
        await InstallCrdsAsync();
        await KubectlAsync("apply", "-f", "config/samples/untrusted-tenant-namespace.yaml");
        var sample = File.ReadAllText(RepositoryRoot.Combine("config/samples/nanoserver-web.yaml"))
            .Replace("  replicas: 2", "  replicas: 2\n  replica: 3", StringComparison.Ordinal);

        var result = await tools.RunAsync(ClientTools.Kubectl, ["--kubeconfig", server.KubeconfigPath, "apply", "--dry-run=server", "--validate=strict", "-f", "-"], sample);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("unknown field \"spec.replica\"");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task ApplyServerDryRunStrict_RenderedChart_EveryObjectAccepted(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--namespace", "default");
        rendered.ExitCode.Should().Be(0, rendered.Error);

        var result = await tools.RunAsync(
            ClientTools.Kubectl, ["--kubeconfig", server.KubeconfigPath, "apply", "--dry-run=server", "--validate=strict", "-f", "-"], rendered.Output);

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(YamlDocuments.Parse(rendered.Output).Count);
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task ApplyServerDryRunStrict_RenderedChartEveryOption_MonitorsAndNetworkPolicyAccepted(int helmMajor)
    {
        // ServiceMonitor and PodMonitor are prometheus-operator kinds: checked against a minimal strict
        // schema of the fields we emit (TestData), not upstream's CRDs, which the tests cannot fetch.
        var monitors = await KubectlAsync("apply", "-f", MonitorCrds);
        monitors.ExitCode.Should().Be(0, monitors.All);
        var rendered = await tools.HelmTemplateAsync(helmMajor, [.. EveryOptionalObject, "--namespace", "default"]);
        rendered.ExitCode.Should().Be(0, rendered.Error);

        // The local API server does not serve batch/v1: the agent's uninstall hook Job is decoded strictly below instead.
        var withoutJob = string.Join("\n---\n", rendered.Output.Split("\n---\n").Where(document => !document.Contains("\nkind: Job\n", StringComparison.Ordinal)));
        var result = await tools.RunAsync(
            ClientTools.Kubectl, ["--kubeconfig", server.KubeconfigPath, "apply", "--dry-run=server", "--validate=strict", "-f", "-"], withoutJob);

        result.ExitCode.Should().Be(0, result.All);
        result.Output.Should().Contain("servicemonitor.monitoring.coreos.com/demo-hyperv-isolation")
            .And.Contain("podmonitor.monitoring.coreos.com/demo-hyperv-isolation-node-agent")
            .And.Contain("networkpolicy.networking.k8s.io/demo-hyperv-isolation-webhook");
    }

    [Fact]
    public async Task ApplyServerDryRunStrict_ServiceMonitorWithMisspeltField_RejectedNamingIt()
    {
        await KubectlAsync("apply", "-f", MonitorCrds);
        var monitor = File.ReadAllText(RepositoryRoot.Combine("config/prometheus/monitor.yaml"))
            .Replace("      interval: 30s", "      intervall: 30s", StringComparison.Ordinal)
            .Replace("namespace: hyperv-isolation", "namespace: default", StringComparison.Ordinal);

        var result = await tools.RunAsync(ClientTools.Kubectl, ["--kubeconfig", server.KubeconfigPath, "apply", "--dry-run=server", "--validate=strict", "-f", "-"], monitor);

        result.ExitCode.Should().NotBe(0);
        result.Error.Should().Contain("intervall");
    }

    [Theory]
    [InlineData]
    [InlineData("--set", "webhook.enabled=false")]
    [InlineData("--set", "webhook.networkPolicy.enabled=true", "--set", "webhook.networkPolicy.apiServerPeers[0].ipBlock.cidr=10.0.0.0/8", "--set", "nodeAgent.enabled=true")]
    public async Task LoadAllFromStringStrict_RenderedChartBuiltInKinds_NoUnknownField(params string[] values)
    {
        var rendered = await tools.HelmTemplateAsync(4, values);
        rendered.ExitCode.Should().Be(0, rendered.Error);

        var objects = KubernetesYaml.LoadAllFromString(rendered.Output, strict: true);

        objects.Should().HaveCount(YamlDocuments.Parse(rendered.Output).Count);
    }

    [Theory]
    [InlineData("config/crd/isolation.hyperv.dev_isolatedworkloads.yaml")]
    [InlineData("config/crd/isolation.hyperv.dev_isolationpolicies.yaml")]
    public void LoadAllFromStringStrict_Crd_DecodesAsCustomResourceDefinition(string path)
    {
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(RepositoryRoot.Combine(path)), strict: true);

        objects.Should().ContainSingle().Which.Should().BeOfType<k8s.Models.V1CustomResourceDefinition>();
    }

    [Fact]
    public void LoadAllFromStringStrict_DeploymentWithMisspeltField_Throws()
    {
        const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 2\n";

        var load = () => KubernetesYaml.LoadAllFromString(Deployment, strict: true);

        load.Should().Throw<YamlDotNet.Core.YamlException>().WithMessage("*replica*");
    }

    private Task<ProcessResult> KubectlAsync(params string[] arguments) =>
        tools.KubectlAsync(["--kubeconfig", server.KubeconfigPath, .. arguments]);

    private async Task InstallCrdsAsync()
    {
        var install = await KubectlAsync("apply", "--validate=strict", "-k", "config/crd");
        // The local API server serves a CRD's kind as soon as it is stored (no Established wait needed).
        install.ExitCode.Should().Be(0, install.All);
    }
}
