namespace HyperVIsolation.Api.Schema;

/// <summary>
/// A CEL validation rule (<c>x-kubernetes-validations</c>) for rules that span fields and so
/// cannot be said with plain OpenAPI keywords.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    /// <summary>The CEL expression; <c>self</c> is the annotated value.</summary>
    public string Rule { get; } = rule;

    /// <summary>The message returned when the rule is false.</summary>
    public string Message { get; } = message;

    /// <summary>Optional field path the error is reported on, relative to <c>self</c>.</summary>
    public string? FieldPath { get; init; }
}
