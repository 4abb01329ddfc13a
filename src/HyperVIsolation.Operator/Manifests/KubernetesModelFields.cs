using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// What the schema needs to know about KubernetesClient model types, which ship without the
/// upstream OpenAPI descriptions and validation: a description for every field we expose, and
/// which fields upstream requires (a list-map key such as <c>conditions[].type</c> must be).
/// </summary>
internal static class KubernetesModelFields
{
    private static readonly Dictionary<Type, string> TypeDescriptions = new()
    {
        [typeof(V1Condition)] = "Condition contains details for one aspect of the current state of this resource.",
        [typeof(V1LabelSelector)] = "A label query over a set of resources. An empty selector matches all objects; a null selector matches none.",
        [typeof(V1LabelSelectorRequirement)] = "A selector requirement: a key, an operator and values.",
    };

    private static readonly Dictionary<(Type Type, string Property), ModelField> Fields = new()
    {
        [(typeof(V1Condition), nameof(V1Condition.Type))] = new("Type of condition in CamelCase, for example Ready.", Required: true),
        [(typeof(V1Condition), nameof(V1Condition.Status))] = new("Status of the condition: True, False or Unknown.", Required: true, Enum: ["True", "False", "Unknown"]),
        [(typeof(V1Condition), nameof(V1Condition.LastTransitionTime))] = new("Last time the condition changed status.", Required: true),
        [(typeof(V1Condition), nameof(V1Condition.Reason))] = new("Machine-readable CamelCase reason for the last transition.", Required: true),
        [(typeof(V1Condition), nameof(V1Condition.Message))] = new("Human-readable details about the last transition.", Required: true),
        [(typeof(V1Condition), nameof(V1Condition.ObservedGeneration))] = new("The metadata.generation the condition was set for."),
        [(typeof(V1LabelSelector), nameof(V1LabelSelector.MatchLabels))] = new("Labels that must all be present with these values."),
        [(typeof(V1LabelSelector), nameof(V1LabelSelector.MatchExpressions))] = new("Requirements that must all hold."),
        [(typeof(V1LabelSelectorRequirement), nameof(V1LabelSelectorRequirement.Key))] = new("The label key the selector applies to.", Required: true),
        [(typeof(V1LabelSelectorRequirement), nameof(V1LabelSelectorRequirement.OperatorProperty))] = new("In, NotIn, Exists or DoesNotExist.", Required: true, Enum: ["In", "NotIn", "Exists", "DoesNotExist"]),
        [(typeof(V1LabelSelectorRequirement), nameof(V1LabelSelectorRequirement.Values))] = new("Values for In and NotIn; empty for Exists and DoesNotExist."),
    };

    public static bool Covers(Type type) => type.Assembly == typeof(V1Condition).Assembly;

    public static string DescribeType(Type type) =>
        TypeDescriptions.TryGetValue(type, out var description)
            ? description
            : throw new ManifestGenerationException(
                $"{type.Name} is a KubernetesClient model without a description; add it to {nameof(KubernetesModelFields)}.");

    public static ModelField Field(Type type, string property) =>
        Fields.TryGetValue((type, property), out var field)
            ? field
            : throw new ManifestGenerationException(
                $"{type.Name}.{property} is a KubernetesClient model field without a description; add it to {nameof(KubernetesModelFields)}.");

    /// <summary>Upstream facts about one model field.</summary>
    internal sealed record ModelField(string Description, bool Required = false, IReadOnlyList<string>? Enum = null);
}
