using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>
/// Every field one manifest sets, named as <see cref="FieldIntroduction.Field"/> names them:
/// <c>Kind:path</c> for each mapping key, <c>Kind:path=value</c> for each scalar, and
/// <c>schema:keyword</c> for each keyword anywhere under a CRD's <c>openAPIV3Schema</c> (property
/// names are data there, not fields).
/// </summary>
public static class ManifestFields
{
    public static (string Kind, IReadOnlySet<string> Fields) Of(YamlMappingNode document)
    {
        var apiVersion = Scalar(document, "apiVersion");
        var kind = Scalar(document, "kind");
        var fields = new HashSet<string>(StringComparer.Ordinal);
        Walk(document, "", kind, fields);
        return ($"{apiVersion} {kind}", fields);
    }

    private static void Walk(YamlNode node, string path, string kind, HashSet<string> fields)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    if (name == "openAPIV3Schema")
                    {
                        SchemaKeywords(value, fields);
                        continue;
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    fields.Add($"{kind}:{child}");
                    Walk(value, child, kind, fields);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Walk(item, path + "[]", kind, fields);
                }

                break;
            case YamlScalarNode scalar:
                fields.Add($"{kind}:{path}={scalar.Value}");
                break;
        }
    }

    private static void SchemaKeywords(YamlNode schema, HashSet<string> fields)
    {
        if (schema is not YamlMappingNode mapping)
        {
            return;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var keyword = ((YamlScalarNode)key).Value ?? "";
            fields.Add("schema:" + keyword);
            switch (keyword)
            {
                case "properties" when value is YamlMappingNode properties:
                    foreach (var property in properties.Children.Values)
                    {
                        SchemaKeywords(property, fields);
                    }

                    break;
                case "items" or "additionalProperties" or "not":
                    SchemaKeywords(value, fields);
                    break;
                case "anyOf" or "oneOf" or "allOf" when value is YamlSequenceNode alternatives:
                    foreach (var alternative in alternatives.Children)
                    {
                        SchemaKeywords(alternative, fields);
                    }

                    break;
                case "x-kubernetes-validations" when value is YamlSequenceNode rules:
                    foreach (var rule in rules.Children.OfType<YamlMappingNode>())
                    {
                        foreach (var ruleKey in rule.Children.Keys)
                        {
                            fields.Add($"schema:x-kubernetes-validations[].{((YamlScalarNode)ruleKey).Value}");
                        }
                    }

                    break;
            }
        }
    }

    private static string Scalar(YamlMappingNode document, string key) =>
        document.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text }
            ? text
            : throw new FormatException($"a manifest without {key}: {document}");
}
