using System.Globalization;
using System.Text.RegularExpressions;
using HyperVIsolation.Operator.Manifests;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>
/// A small OpenAPI checker for YAML documents against a generated CRD schema: types, unknown
/// fields, required fields, enums, patterns and numeric bounds. It is no API server, but it
/// catches a sample that the C# types accept and the CRD would not (for example a wrong enum case).
/// </summary>
internal static class SchemaConformance
{
    public static IEnumerable<string> Check(YamlNode node, V1JSONSchemaProps schema, string path = "")
    {
        if (schema.XKubernetesIntOrString == true)
        {
            return node is YamlScalarNode ? [] : [$"{path}: expected an integer or a string"];
        }

        return (schema.Type, node) switch
        {
            ("object", YamlMappingNode mapping) => CheckObject(mapping, schema, path),
            ("array", YamlSequenceNode sequence) => sequence.Children.SelectMany((item, i) => Check(item, (V1JSONSchemaProps)schema.Items, $"{path}[{i}]")),
            ("string" or "integer" or "boolean", YamlScalarNode scalar) => CheckScalar(scalar, schema, path),
            _ => [$"{path}: expected {schema.Type}"],
        };
    }

    private static IEnumerable<string> CheckObject(YamlMappingNode mapping, V1JSONSchemaProps schema, string path)
    {
        var keys = mapping.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList();
        foreach (var missing in (schema.Required ?? []).Except(keys))
        {
            yield return $"{path}.{missing}: required";
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var child = schema.Properties is not null && schema.Properties.TryGetValue(name, out var property)
                ? property
                : schema.AdditionalProperties as V1JSONSchemaProps;
            if (child is null)
            {
                if (schema.Properties is { Count: > 0 })
                {
                    yield return $"{path}.{name}: unknown field";
                }

                continue;
            }

            foreach (var problem in Check(value, child, $"{path}.{name}"))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> CheckScalar(YamlScalarNode scalar, V1JSONSchemaProps schema, string path)
    {
        var value = scalar.Value ?? string.Empty;
        var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
        var typeMatches = schema.Type switch
        {
            "integer" => plain && long.TryParse(value, CultureInfo.InvariantCulture, out _),
            "boolean" => plain && value is "true" or "false",
            _ => !plain || !YamlPlainScalars.WouldChangeType(value),
        };
        if (!typeMatches)
        {
            yield return $"{path}: '{value}' is not a {schema.Type}";
            yield break;
        }

        if (schema.EnumProperty is { } values && !values.Contains(value))
        {
            yield return $"{path}: '{value}' is not one of {string.Join(", ", values)}";
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(value, pattern))
        {
            yield return $"{path}: '{value}' does not match {pattern}";
        }

        if (schema.Type == "integer" && OutOfRange(long.Parse(value, CultureInfo.InvariantCulture), schema))
        {
            yield return $"{path}: {value} is outside [{schema.Minimum}, {schema.Maximum}]";
        }
    }

    private static bool OutOfRange(long value, V1JSONSchemaProps schema) =>
        (schema.Minimum is { } min && value < min) || (schema.Maximum is { } max && value > max);
}
