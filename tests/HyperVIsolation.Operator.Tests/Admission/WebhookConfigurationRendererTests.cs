using System.Text;
using HyperVIsolation.Operator.Admission.Configuration;

namespace HyperVIsolation.Operator.Tests.Admission;

public sealed class WebhookConfigurationRendererTests
{
    private static readonly WebhookConfigurations Rendered = WebhookConfigurationRenderer.Render(
        new WebhookConfigurationOptions { ServiceName = "hyperv-isolation", ServiceNamespace = "hyperv-isolation-system" },
        Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----"));

    [Fact]
    public void Render_Mutator_FailsClosedAndIsReinvoked()
    {
        var webhook = Rendered.Mutating.Webhooks.Should().ContainSingle().Subject;
        webhook.FailurePolicy.Should().Be("Fail");
        webhook.TimeoutSeconds.Should().Be(5);
        webhook.SideEffects.Should().Be("None");
        webhook.MatchPolicy.Should().Be("Equivalent");
        webhook.ReinvocationPolicy.Should().Be("IfNeeded");
        webhook.AdmissionReviewVersions.Should().Equal("v1");
        webhook.ClientConfig.Service.Path.Should().Be("/mutate/pods");
        webhook.ClientConfig.CaBundle.Should().Equal(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----"));
        webhook.Rules.Should().ContainSingle().Which.Operations.Should().Equal("CREATE");
    }

    [Fact]
    public void Render_EveryWebhook_ExcludesControlPlaneAndOperatorNamespaces()
    {
        var selectors = Rendered.Mutating.Webhooks.Select(webhook => webhook.NamespaceSelector)
            .Concat(Rendered.Validating.Webhooks.Select(webhook => webhook.NamespaceSelector));

        selectors.Should().AllSatisfy(selector => selector.MatchExpressions.Should().ContainSingle().Which.Values
            .Should().BeEquivalentTo("kube-system", "kube-node-lease", "hyperv-isolation-system"));
    }

    [Fact]
    public void Render_Validators_CoverPodsEphemeralContainersNamespacesAndCustomResources()
    {
        Rendered.Validating.Webhooks.Select(webhook => webhook.ClientConfig.Service.Path).Should().Equal(
            "/validate/pods", "/validate/namespaces", "/validate/isolatedworkloads", "/validate/isolationpolicies");
        Rendered.Validating.Webhooks[0].Rules.SelectMany(rule => rule.Resources).Should().Equal("pods", "pods/ephemeralcontainers");
        Rendered.Validating.Webhooks.Should().AllSatisfy(webhook =>
        {
            webhook.FailurePolicy.Should().Be("Fail");
            webhook.SideEffects.Should().Be("None");
            webhook.TimeoutSeconds.Should().Be(5);
        });
    }
}
