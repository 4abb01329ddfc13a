using k8s.Models;

namespace HyperVIsolation.Operator.Admission.Configuration;

/// <summary>The two webhook configuration objects the operator owns.</summary>
/// <param name="Mutating">The pod mutator.</param>
/// <param name="Validating">The pod, namespace, IsolatedWorkload and IsolationPolicy validators.</param>
internal sealed record WebhookConfigurations(V1MutatingWebhookConfiguration Mutating, V1ValidatingWebhookConfiguration Validating);
