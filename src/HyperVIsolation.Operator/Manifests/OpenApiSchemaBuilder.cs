using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization;
using HyperVIsolation.Api.Schema;
using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Builds the structural OpenAPI v3 schema of a custom resource from its C# type: every node has
/// a type, every field a description, and validation comes from the attributes on the members.
/// </summary>
internal sealed class OpenApiSchemaBuilder(DescriptionSource descriptions)
{
    private readonly HashSet<Type> _inProgress = [];

    public V1JSONSchemaProps BuildRoot(Type rootType) => BuildObject(rootType, rootType.Name, isRoot: true);

    private V1JSONSchemaProps Build(Type type, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ScalarSchemas.TryCreate(type) is { } scalar)
        {
            return scalar;
        }

        if (CollectionTypes.DictionaryValueType(type) is { } valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = Build(valueType, path + "{}") };
        }

        if (CollectionTypes.ListItemType(type) is { } itemType)
        {
            return BuildList(itemType, path);
        }

        return BuildObject(type, path, isRoot: false);
    }

    private V1JSONSchemaProps BuildList(Type itemType, string path)
    {
        var list = new V1JSONSchemaProps { Type = "array", Items = Build(itemType, path + "[]") };
        if (itemType == typeof(V1Condition))
        {
            // Conditions are merged by type, as in every built-in Kubernetes status.
            ListMapKeys.Apply(list, ["type"], path);
        }

        return list;
    }

    private V1JSONSchemaProps BuildObject(Type type, string path, bool isRoot)
    {
        if (!_inProgress.Add(type))
        {
            throw new ManifestGenerationException($"{path}: {type.Name} refers to itself; CRD schemas cannot be recursive.");
        }

        try
        {
            var schema = new V1JSONSchemaProps
            {
                Type = "object",
                Description = descriptions.ForType(type),
                Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal),
            };
            AddProperties(schema, type, path, isRoot);
            ValidationAnnotations.AddCelRules(schema, type.GetCustomAttributes<CelRuleAttribute>());
            return schema;
        }
        finally
        {
            _inProgress.Remove(type);
        }
    }

    // Properties are added in ordinal name order so the YAML is stable whatever order reflection returns.
    private void AddProperties(V1JSONSchemaProps schema, Type type, string path, bool isRoot)
    {
        var properties = SerializedProperties(type).OrderBy(p => JsonNames.Of(p), StringComparer.Ordinal);
        foreach (var property in properties)
        {
            var name = JsonNames.Of(property);
            schema.Properties[name] = isRoot && IsObjectMeta(property.PropertyType)
                ? new V1JSONSchemaProps { Type = "object" }
                : BuildProperty(property, $"{path}.{name}");

            if (IsRequired(property))
            {
                schema.Required ??= [];
                schema.Required.Add(name);
            }
        }
    }

    private V1JSONSchemaProps BuildProperty(PropertyInfo property, string path)
    {
        var schema = Build(property.PropertyType, path);
        schema.Description = descriptions.ForProperty(property);
        ValidationAnnotations.Apply(schema, property);
        ApplyModelFacts(schema, property);
        if (property.GetCustomAttribute<ListMapAttribute>() is { } listMap)
        {
            ListMapKeys.Apply(schema, listMap.Keys, path);
        }

        return schema;
    }

    private static void ApplyModelFacts(V1JSONSchemaProps schema, PropertyInfo property)
    {
        var owner = property.DeclaringType!;
        if (KubernetesModelFields.Covers(owner) && KubernetesModelFields.Field(owner, property.Name).Enum is { } values)
        {
            schema.EnumProperty = [.. values];
        }
    }

    private static bool IsRequired(PropertyInfo property)
    {
        var owner = property.DeclaringType!;
        return KubernetesModelFields.Covers(owner)
            ? KubernetesModelFields.Field(owner, property.Name).Required
            : property.GetCustomAttribute<RequiredAttribute>() is not null;
    }

    private static bool IsObjectMeta(Type type) => type == typeof(V1ObjectMeta) || type == typeof(V1ListMeta);

    private static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always });
}
