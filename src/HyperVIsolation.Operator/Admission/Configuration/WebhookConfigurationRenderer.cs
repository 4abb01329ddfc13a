using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Operator.Admission.Http;
using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Configuration;

/// <summary>
/// Renders the Mutating- and ValidatingWebhookConfiguration: <c>failurePolicy: Fail</c> (a
/// security webhook that is down must not let pods through), a small timeout, namespaces of the
/// control plane and of the operator excluded (so neither can lock itself out),
/// <c>sideEffects: None</c>, <c>matchPolicy: Equivalent</c>, v1 reviews only, and
/// <c>reinvocationPolicy: IfNeeded</c> on the mutator so it sees other mutators' changes. The
/// Helm chart's <c>templates/webhooks.yaml</c> renders the same objects. Pure.
/// </summary>
internal static class WebhookConfigurationRenderer
{
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>Both configurations, trusting <paramref name="caBundle"/> (PEM bytes) for the service.</summary>
    public static WebhookConfigurations Render(WebhookConfigurationOptions options, byte[] caBundle)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caBundle);
        var mutating = new V1MutatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "MutatingWebhookConfiguration",
            Metadata = Metadata(options),
            Webhooks =
            [
                new V1MutatingWebhook
                {
                    Name = $"pods.mutate.{ApiGroup.Group}",
                    ClientConfig = ClientConfig(options, AdmissionEndpoint.MutatePods, caBundle),
                    Rules = [Rule(string.Empty, ["pods"], ["CREATE"], "Namespaced")],
                    FailurePolicy = "Fail",
                    MatchPolicy = "Equivalent",
                    SideEffects = "None",
                    TimeoutSeconds = options.TimeoutSeconds,
                    AdmissionReviewVersions = ["v1"],
                    NamespaceSelector = Exclusions(options),
                    ReinvocationPolicy = "IfNeeded",
                },
            ],
        };
        var validating = new V1ValidatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingWebhookConfiguration",
            Metadata = Metadata(options),
            Webhooks =
            [
                Validating(options, caBundle, "pods", AdmissionEndpoint.ValidatePods, Rule(string.Empty, ["pods"], ["CREATE", "UPDATE"], "Namespaced"), Rule(string.Empty, ["pods/ephemeralcontainers"], ["UPDATE"], "Namespaced")),
                Validating(options, caBundle, "namespaces", AdmissionEndpoint.ValidateNamespaces, Rule(string.Empty, ["namespaces"], ["UPDATE"], "Cluster")),
                Validating(options, caBundle, IsolatedWorkload.Plural, AdmissionEndpoint.ValidateIsolatedWorkloads, Rule(ApiGroup.Group, [IsolatedWorkload.Plural], ["CREATE", "UPDATE"], "Namespaced")),
                Validating(options, caBundle, IsolationPolicy.Plural, AdmissionEndpoint.ValidateIsolationPolicies, Rule(ApiGroup.Group, [IsolationPolicy.Plural], ["CREATE", "UPDATE"], "Cluster")),
            ],
        };
        return new WebhookConfigurations(mutating, validating);
    }

    private static V1ValidatingWebhook Validating(WebhookConfigurationOptions options, byte[] caBundle, string resource, AdmissionEndpoint endpoint, params V1RuleWithOperations[] rules) => new()
    {
        Name = $"{resource}.validate.{ApiGroup.Group}",
        ClientConfig = ClientConfig(options, endpoint, caBundle),
        Rules = rules,
        FailurePolicy = "Fail",
        MatchPolicy = "Equivalent",
        SideEffects = "None",
        TimeoutSeconds = options.TimeoutSeconds,
        AdmissionReviewVersions = ["v1"],
        NamespaceSelector = Exclusions(options),
    };

    private static V1ObjectMeta Metadata(WebhookConfigurationOptions options) => new()
    {
        Name = options.ConfigurationName,
        Labels = new Dictionary<string, string> { [WellKnownLabels.ManagedBy] = WellKnownLabels.ManagedByValue },
    };

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(WebhookConfigurationOptions options, AdmissionEndpoint endpoint, byte[] caBundle)
    {
        if (options.Url is { } url)
        {
            return new Admissionregistrationv1WebhookClientConfig { CaBundle = caBundle, Url = new Uri(url, AdmissionPaths.Of(endpoint)).ToString() };
        }

        return new Admissionregistrationv1WebhookClientConfig
        {
            CaBundle = caBundle,
            Service = new Admissionregistrationv1ServiceReference
            {
                Name = options.ServiceName,
                NamespaceProperty = options.ServiceNamespace,
                Path = AdmissionPaths.Of(endpoint),
                Port = options.ServicePort,
            },
        };
    }

    private static V1RuleWithOperations Rule(string group, IList<string> resources, IList<string> operations, string scope) => new()
    {
        ApiGroups = [group],
        ApiVersions = ["*"],
        Resources = resources,
        Operations = operations,
        Scope = scope,
    };

    /// <summary><c>kubernetes.io/metadata.name</c> is set by the API server and cannot be forged.</summary>
    private static V1LabelSelector Exclusions(WebhookConfigurationOptions options) => new()
    {
        MatchExpressions =
        [
            new V1LabelSelectorRequirement
            {
                Key = NamespaceNameLabel,
                OperatorProperty = "NotIn",
                Values = options.ExcludedNamespaces.Append(options.ServiceNamespace).Distinct(StringComparer.Ordinal).ToList(),
            },
        ],
    };
}
