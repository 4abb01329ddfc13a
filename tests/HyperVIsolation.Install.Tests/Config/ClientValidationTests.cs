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
    [InlineData]
    [InlineData("--set", "webhook.enabled=false")]
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
