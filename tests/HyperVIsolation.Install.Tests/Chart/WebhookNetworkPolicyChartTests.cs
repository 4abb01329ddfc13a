using HyperVIsolation.Install.Tests.Tools;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Install.Tests.Chart;

/// <summary>
/// webhook.networkPolicy: off by default; when on, the operator pods' webhook port admits only the
/// peers the user names for the API server, and the metrics port stays open.
/// </summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class WebhookNetworkPolicyChartTests(ClientTools tools)
{
    private static readonly string[] OnWithPeers =
    [
        "--set", "webhook.networkPolicy.enabled=true",
        "--set", "webhook.networkPolicy.apiServerPeers[0].ipBlock.cidr=172.18.0.0/16",
        "--set", "webhook.networkPolicy.apiServerPeers[1].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=kube-system",
        "--set", "webhook.networkPolicy.apiServerPeers[1].podSelector.matchLabels.k8s-app=konnectivity-agent",
        "--set", "webhookPort=9444",
    ];

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_Defaults_NoNetworkPolicy(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor);
        rendered.ExitCode.Should().Be(0, rendered.Error);

        YamlDocuments.Parse(rendered.Output).Select(d => YamlDocuments.At(d, "kind")).Should().NotContain("NetworkPolicy");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_OnWithPeers_WebhookPortOnlyFromThePeersMetricsPortOpen(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, OnWithPeers);
        rendered.ExitCode.Should().Be(0, rendered.Error);
        var objects = KubernetesYaml.LoadAllFromString(rendered.Output, strict: true);

        var policy = objects.OfType<V1NetworkPolicy>().Should().ContainSingle().Subject;
        var operatorPod = objects.OfType<V1Deployment>().Single().Spec.Template;
        policy.Metadata.NamespaceProperty.Should().Be("ops");
        policy.Spec.PodSelector.MatchLabels.Should().NotBeEmpty().And.Subject.Should().BeSubsetOf(operatorPod.Metadata.Labels);
        policy.Spec.PolicyTypes.Should().Equal("Ingress");
        policy.Spec.Ingress.Should().HaveCount(2);
        var webhook = policy.Spec.Ingress[0];
        webhook.Ports.Should().ContainSingle().Which.Port.Value.Should().Be("9444");
        operatorPod.Spec.Containers[0].Ports.Should().Contain(p => p.Name == "webhook" && p.ContainerPort == 9444);
        webhook.FromProperty.Should().HaveCount(2);
        webhook.FromProperty[0].IpBlock.Cidr.Should().Be("172.18.0.0/16");
        webhook.FromProperty[1].NamespaceSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" });
        webhook.FromProperty[1].PodSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["k8s-app"] = "konnectivity-agent" });
        var metrics = policy.Spec.Ingress[1];
        metrics.FromProperty.Should().BeNull("Prometheus and the kubelet's probes reach /metrics, /healthz and /readyz from anywhere");
        metrics.Ports.Should().ContainSingle().Which.Port.Value.Should().Be("8080");
    }

    [Theory]
    [MemberData(nameof(ClientTools.HelmMajors), MemberType = typeof(ClientTools))]
    public async Task Template_OnWithoutPeers_RefusedExplainingWhy(int helmMajor)
    {
        var rendered = await tools.HelmTemplateAsync(helmMajor, "--set", "webhook.networkPolicy.enabled=true");

        rendered.ExitCode.Should().NotBe(0);
        rendered.Error.Should().Contain("webhook.networkPolicy.enabled=true needs webhook.networkPolicy.apiServerPeers");
    }

    [Fact]
    public async Task Template_OnWithWebhooksOff_NoNetworkPolicy()
    {
        var rendered = await tools.HelmTemplateAsync(4, [.. OnWithPeers, "--set", "webhook.enabled=false"]);
        rendered.ExitCode.Should().Be(0, rendered.Error);

        YamlDocuments.Parse(rendered.Output).Select(d => YamlDocuments.At(d, "kind")).Should().NotContain("NetworkPolicy");
    }

    [Theory]
    [InlineData("webhook.networkPolicy.apiServerPeers[0].ipblock.cidr=10.0.0.0/8", "ipblock")]
    [InlineData("webhook.networkPolicy.apiServerPeers[0].ipBlock.except[0]=10.0.0.1/32", "cidr")]
    public async Task Template_BadPeer_RefusedBySchemaNamingIt(string assignment, string named)
    {
        var rendered = await tools.HelmTemplateAsync(4, "--set", "webhook.networkPolicy.enabled=true", "--set", assignment);

        rendered.ExitCode.Should().NotBe(0, $"{assignment} must be refused");
        rendered.Error.Should().Contain("values don't meet the specifications of the schema").And.Contain(named);
    }
}
