using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Validation;

/// <summary>kube-apiserver's label selector validation: a known operator, values only and always where it needs them.</summary>
public static class LabelSelectorRules
{
    /// <summary>Adds the errors of <paramref name="selector"/> (a JSON label selector, or null for none) to <paramref name="errors"/>.</summary>
    public static void Check(JsonObject? selector, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var requirements = selector?["matchExpressions"] as JsonArray;
        for (var index = 0; index < (requirements?.Count ?? 0); index++)
        {
            var requirement = requirements![index] as JsonObject;
            var requirementPath = $"{path}.matchExpressions[{index}]";
            var hasValues = (requirement?["values"] as JsonArray)?.Count > 0;
            switch (requirement?["operator"]?.ToString())
            {
                case "In" or "NotIn" when !hasValues:
                    errors.Add(new FieldError("FieldValueRequired", $"{requirementPath}.values", "Required value: must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist" when hasValues:
                    errors.Add(FieldError.Forbidden($"{requirementPath}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                case var other:
                    errors.Add(FieldError.InvalidValue($"{requirementPath}.operator", FieldError.Quoted(other ?? string.Empty), "not a valid selector operator"));
                    break;
            }

            if (string.IsNullOrEmpty(requirement?["key"]?.ToString()))
            {
                errors.Add(FieldError.InvalidValue($"{requirementPath}.key", "\"\"", "name part must be non-empty"));
            }
        }
    }
}
