using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>What the namespace trust-label rule decides from.</summary>
/// <param name="Operation">The request's operation.</param>
/// <param name="Name">Namespace name.</param>
/// <param name="OldLabels">Labels before the change (UPDATE), else <see langword="null"/>.</param>
/// <param name="Labels">Labels after the change.</param>
/// <param name="User">The requester.</param>
/// <param name="Policies">Every IsolationPolicy.</param>
internal sealed record NamespaceAdmissionInput(
    AdmissionOperation Operation,
    string Name,
    IReadOnlyDictionary<string, string>? OldLabels,
    IReadOnlyDictionary<string, string> Labels,
    RequestUser User,
    IReadOnlyList<IsolationPolicy> Policies);
