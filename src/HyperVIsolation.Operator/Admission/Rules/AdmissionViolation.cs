using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>One rule an object breaks, and whether that denies it.</summary>
/// <param name="Field">The field at fault, for example <c>spec.hostNetwork</c>.</param>
/// <param name="RuleId">Stable rule id, for example <c>host-network</c> (see <see cref="RuleIds"/>).</param>
/// <param name="Message">One sentence a tenant can act on, starting with the field.</param>
/// <param name="PolicyName">The IsolationPolicy whose rule it is.</param>
/// <param name="Mode">Enforce denies; Audit only warns.</param>
internal sealed record AdmissionViolation(string Field, string RuleId, string Message, string PolicyName, PolicyMode Mode);
