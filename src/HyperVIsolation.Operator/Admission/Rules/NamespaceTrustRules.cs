using HyperVIsolation.ControllerRuntime.Selectors;
using HyperVIsolation.Operator.Policies;


namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>
/// A namespace's trust labels are the label keys a covering policy's <c>namespaceSelector</c>
/// reads; adding, changing or removing one could take the namespace out of the policy (for
/// example removing <c>isolation.hyperv.dev/tenant</c>, or adding a key a <c>DoesNotExist</c>
/// requirement excludes). Only the policy's administrators may do that. Pure.
/// </summary>
internal static class NamespaceTrustRules
{
    /// <summary>Every trust label the requester may not change; empty when allowed.</summary>
    public static IReadOnlyList<AdmissionViolation> Evaluate(NamespaceAdmissionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Operation != AdmissionOperation.Update || input.OldLabels is null)
        {
            return [];
        }

        var violations = new List<AdmissionViolation>();
        foreach (var policy in PolicyScope.Covering(input.Policies, input.OldLabels))
        {
            var collector = new ViolationCollector(policy, input.Name);
            if (IsAdministrator(collector, input.User))
            {
                continue;
            }

            foreach (var key in LabelSelectorMatcher.KeysOf(policy.Spec?.NamespaceSelector).Order(StringComparer.Ordinal))
            {
                var had = input.OldLabels.TryGetValue(key, out var oldValue);
                var has = input.Labels.TryGetValue(key, out var newValue);
                if (had == has && oldValue == newValue)
                {
                    continue;
                }

                collector.Add($"metadata.labels[{key}]", RuleIds.TrustLabel, $"{Describe(key, had, has, oldValue, newValue)} of namespace '{input.Name}' decides which IsolationPolicy covers it, and user '{input.User.UserName}' is not one of the policy's administrators");
            }

            violations.AddRange(collector.Violations);
        }

        return violations;
    }

    private static bool IsAdministrator(ViolationCollector collector, RequestUser user)
    {
        var administrators = collector.Spec.Administrators;
        return (administrators?.Users ?? []).Contains(user.UserName, StringComparer.Ordinal)
            || (administrators?.Groups ?? []).Intersect(user.Groups, StringComparer.Ordinal).Any();
    }

    private static string Describe(string key, bool had, bool has, string? oldValue, string? newValue) => (had, has) switch
    {
        (true, false) => $"removing trust label '{key}' (was '{oldValue}')",
        (false, true) => $"adding trust label '{key}' ('{newValue}')",
        _ => $"changing trust label '{key}' from '{oldValue}' to '{newValue}'",
    };
}
