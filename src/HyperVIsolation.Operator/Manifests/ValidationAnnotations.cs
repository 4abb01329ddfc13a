using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using HyperVIsolation.Api.Schema;
using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Turns the validation attributes on a member (DataAnnotations, <see cref="DefaultValueAttribute"/>,
/// <see cref="CelRuleAttribute"/>) into OpenAPI keywords on its schema.
/// </summary>
internal static class ValidationAnnotations
{
    public static void Apply(V1JSONSchemaProps schema, MemberInfo member)
    {
        ApplyRange(schema, member.GetCustomAttribute<RangeAttribute>());
        ApplyPattern(schema, member.GetCustomAttribute<RegularExpressionAttribute>());
        ApplyLength(schema, member.GetCustomAttribute<MinLengthAttribute>()?.Length, member.GetCustomAttribute<MaxLengthAttribute>()?.Length);
        ApplyDefault(schema, member.GetCustomAttribute<DefaultValueAttribute>());
        AddCelRules(schema, member.GetCustomAttributes<CelRuleAttribute>());
    }

    public static void AddCelRules(V1JSONSchemaProps schema, IEnumerable<CelRuleAttribute> rules)
    {
        foreach (var rule in rules)
        {
            schema.XKubernetesValidations ??= [];
            schema.XKubernetesValidations.Add(new V1ValidationRule
            {
                Rule = rule.Rule,
                Message = rule.Message,
                FieldPath = rule.FieldPath,
            });
        }
    }

    private static void ApplyRange(V1JSONSchemaProps schema, RangeAttribute? range)
    {
        if (range is null)
        {
            return;
        }

        schema.Minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        schema.Maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
    }

    // On a list of strings the pattern is each item's.
    private static void ApplyPattern(V1JSONSchemaProps schema, RegularExpressionAttribute? expression)
    {
        if (expression is null)
        {
            return;
        }

        var target = schema.Type == "array" ? schema.Items as V1JSONSchemaProps : schema;
        if (target?.Type != "string")
        {
            throw new ManifestGenerationException($"RegularExpression applies to strings and lists of strings, not to a schema of type '{schema.Type}'.");
        }

        target.Pattern = expression.Pattern;
    }

    // One pair of C# attributes, three OpenAPI keyword pairs depending on what is being measured.
    private static void ApplyLength(V1JSONSchemaProps schema, int? min, int? max)
    {
        if (min is null && max is null)
        {
            return;
        }

        switch (schema.Type)
        {
            case "array":
                (schema.MinItems, schema.MaxItems) = (min, max);
                break;
            case "object":
                (schema.MinProperties, schema.MaxProperties) = (min, max);
                break;
            case "string":
                (schema.MinLength, schema.MaxLength) = (min, max);
                break;
            default:
                throw new ManifestGenerationException($"MinLength/MaxLength cannot apply to a schema of type '{schema.Type}'.");
        }
    }

    private static void ApplyDefault(V1JSONSchemaProps schema, DefaultValueAttribute? defaultValue)
    {
        if (defaultValue?.Value is not { } value)
        {
            return;
        }

        schema.DefaultProperty = value.GetType().IsEnum ? JsonNames.EnumMember(value) : value;
    }
}
