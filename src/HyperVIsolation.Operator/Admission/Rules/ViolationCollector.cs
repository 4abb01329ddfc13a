using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// Collects the violations of one policy and words them the same way every time:
/// "&lt;field&gt;: &lt;sentence&gt; (IsolationPolicy '&lt;name&gt;')."
/// </summary>
/// <param name="policy">The policy whose rules are evaluated.</param>
/// <param name="namespaceName">The namespace, for the sentences.</param>
internal sealed class ViolationCollector(IsolationPolicy policy, string namespaceName)
{
    // Created by the first violation: most pods are allowed.
    private List<AdmissionViolation>? violations;
    private string? pods;

    /// <summary>The policy being evaluated.</summary>
    public IsolationPolicySpec Spec { get; } = policy.Spec ?? new IsolationPolicySpec();

    /// <summary>The policy's name.</summary>
    public string PolicyName { get; } = policy.Metadata?.Name ?? string.Empty;

    /// <summary>The namespace of the request.</summary>
    public string Namespace => namespaceName;

    /// <summary>"pods in namespace '&lt;namespace&gt;'", the subject of most sentences; worded on first use, so only when denying.</summary>
    public string Pods => pods ??= $"pods in namespace '{namespaceName}'";

    /// <summary>What has been collected.</summary>
    public IReadOnlyList<AdmissionViolation> Violations => (IReadOnlyList<AdmissionViolation>?)violations ?? [];

    /// <summary>Adds a violation; <paramref name="sentence"/> has no final period.</summary>
    public void Add(string field, string ruleId, string sentence) =>
        (violations ??= []).Add(new AdmissionViolation(field, ruleId, $"{field}: {sentence} (IsolationPolicy '{PolicyName}').", PolicyName, Spec.Mode));

    /// <summary>Adds a violation whose sentence already names the field's value and the policy (sizing failures do).</summary>
    public void AddWorded(string field, string ruleId, string message) =>
        (violations ??= []).Add(new AdmissionViolation(field, ruleId, $"{field}: {message}", PolicyName, Spec.Mode));
}
