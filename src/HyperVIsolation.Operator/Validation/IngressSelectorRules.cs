using k8s.Models;

namespace HyperVIsolation.Operator.Validation;

/// <summary>
/// Checks an IsolationPolicy's <c>allowIngressFrom</c>: it becomes a NetworkPolicy's namespaceSelector, so it
/// must be one the API server accepts there, and it must not be empty, which would admit every namespace and
/// undo <c>denyCrossNamespaceTraffic</c>.
/// </summary>
internal static class IngressSelectorRules
{
    /// <summary>Every problem with <paramref name="selector"/>; empty when it is unset or valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(V1LabelSelector? selector, string path)
    {
        if (selector is null)
        {
            return [];
        }

        var errors = new List<ValidationError>();
        if ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0)
        {
            errors.Add(new ValidationError(path, "An empty selector matches every namespace; name the namespaces to admit, or leave allowIngressFrom unset."));
        }

        foreach (var (key, _) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add(new ValidationError($"{path}.matchLabels", "A label key is empty."));
            }
        }

        for (var index = 0; index < (selector.MatchExpressions?.Count ?? 0); index++)
        {
            if (RequirementProblem(selector.MatchExpressions![index]) is { } problem)
            {
                errors.Add(new ValidationError($"{path}.matchExpressions[{index}]", problem));
            }
        }

        return errors;
    }

    private static string? RequirementProblem(V1LabelSelectorRequirement? requirement)
    {
        if (requirement is null || string.IsNullOrWhiteSpace(requirement.Key))
        {
            return "The requirement has no key.";
        }

        var valueCount = requirement.Values?.Count ?? 0;
        return requirement.OperatorProperty switch
        {
            "In" or "NotIn" when valueCount == 0 => $"Operator {requirement.OperatorProperty} needs at least one value.",
            "Exists" or "DoesNotExist" when valueCount > 0 => $"Operator {requirement.OperatorProperty} takes no values.",
            "In" or "NotIn" or "Exists" or "DoesNotExist" => null,
            _ => $"Operator '{requirement.OperatorProperty}' is unknown; use In, NotIn, Exists or DoesNotExist.",
        };
    }
}
