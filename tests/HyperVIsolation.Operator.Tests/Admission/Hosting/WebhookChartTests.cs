using System.Diagnostics;
using HyperVIsolation.Operator.Admission.Hosting;
using HyperVIsolation.Operator.Hosting;
using HyperVIsolation.Operator.Tests.Manifests;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HyperVIsolation.Operator.Tests.Admission.Hosting;

/// <summary>The chart's webhook TLS modes, rendered by the real <c>helm template</c> from <c>.tools/</c>.</summary>
[Collection(KubectlFixtureDefinition.Name)]
public sealed class WebhookChartTests
{
    private const string CertificateDirectoryVariable = "Webhook__CertificateDirectory";
    private const string ManageConfigurationsVariable = "Webhook__ManageConfigurations";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    // The fixture installs kubectl and helm together (scripts/install-tools.sh) when they are missing.
    public WebhookChartTests(KubectlFixture tools) => ArgumentNullException.ThrowIfNull(tools);

    [Fact]
    public async Task Template_CertManager_MountsTlsSecretReadOnlyAndPointsOperatorAtIt()
    {
        var deployment = await RenderDeploymentAsync("--set", "webhook.certManager.enabled=true");

        var pod = deployment.Spec.Template.Spec;
        var container = pod.Containers.Single();
        var volume = pod.Volumes.Should().ContainSingle().Subject;
        volume.Secret.SecretName.Should().Be("demo-hyperv-isolation-webhook-tls");
        var mount = container.VolumeMounts.Should().ContainSingle(candidate => candidate.Name == volume.Name).Subject;
        mount.ReadOnlyProperty.Should().BeTrue();
        container.Env.Should().ContainSingle(variable => variable.Name == CertificateDirectoryVariable).Which.Value.Should().Be(mount.MountPath);
        container.Env.Should().NotContain(variable => variable.Name == ManageConfigurationsVariable);
    }

    [Fact]
    public async Task Template_CertManager_CertificateWritesTheMountedSecret()
    {
        var documents = await RenderAsync("--set", "webhook.certManager.enabled=true");

        var certificate = documents.Single(document => document.Contains("kind: Certificate\n", StringComparison.Ordinal));
        certificate.Should().Contain("secretName: demo-hyperv-isolation-webhook-tls");
        documents.Where(document => document.Contains("WebhookConfiguration\n", StringComparison.Ordinal))
            .Should().HaveCount(2).And.OnlyContain(document => document.Contains("cert-manager.io/inject-ca-from: ops/demo-hyperv-isolation-webhook", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Template_Default_OperatorManagesCaBundleWithoutMountingCertificates()
    {
        var deployment = await RenderDeploymentAsync();

        var container = deployment.Spec.Template.Spec.Containers.Single();
        deployment.Spec.Template.Spec.Volumes.Should().BeNullOrEmpty();
        container.VolumeMounts.Should().BeNullOrEmpty();
        container.Env.Should().ContainSingle(variable => variable.Name == ManageConfigurationsVariable).Which.Value.Should().Be("true");
        container.Env.Should().NotContain(variable => variable.Name == CertificateDirectoryVariable);
    }

    [Theory]
    [InlineData("webhook.certManager.enabled=false")]
    [InlineData("webhook.certManager.enabled=true")]
    public async Task Template_Environment_EverySettingKnownValidAndPortsMatchTheContainer(string mode)
    {
        var deployment = await RenderDeploymentAsync("--set", mode, "--set", "webhookPort=9555", "--set", "metricsPort=8181");
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var settings = container.Env
            .Where(variable => variable.Value is not null)
            .Select(variable => new KeyValuePair<string, string?>(variable.Name.Replace("__", ":", StringComparison.Ordinal), variable.Value));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddHyperVIsolationOperator(configuration);
        using var provider = services.BuildServiceProvider();

        // Resolving validates: an unknown key, an unreadable value or a broken rule would throw with every problem.
        var operatorOptions = provider.GetRequiredService<IOptions<OperatorOptions>>().Value;
        var webhookOptions = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;

        container.Ports.Single(port => port.Name == "webhook").ContainerPort.Should().Be(webhookOptions.Port).And.Be(9555);
        container.Ports.Single(port => port.Name == "metrics").ContainerPort.Should().Be(operatorOptions.MetricsPort).And.Be(8181);
        operatorOptions.LeaderElection.LeaseDuration.Should().Be(TimeSpan.FromSeconds(15), "the chart's 15s is a Go duration");
        webhookOptions.ServiceName.Should().Be("demo-hyperv-isolation");
    }

    private static async Task<V1Deployment> RenderDeploymentAsync(params string[] arguments)
    {
        var documents = await RenderAsync(arguments);
        return KubernetesYaml.Deserialize<V1Deployment>(documents.Single(document => document.Contains("kind: Deployment\n", StringComparison.Ordinal)));
    }

    private static async Task<IReadOnlyList<string>> RenderAsync(params string[] arguments)
    {
        var home = Path.Combine(Path.GetTempPath(), "helm-home-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, ".tools", "opt", "helm", "helm"))
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["template", "demo", "charts/hyperv-isolation", "--namespace", "ops", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start helm");
            using var timeout = new CancellationTokenSource(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.Should().Be(0, await error);
            return (await output).Split("\n---", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }
}
