using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>OpenAPI schemas of the leaf types: primitives, enums, quantities and int-or-string.</summary>
internal static class ScalarSchemas
{
    // The pattern Kubernetes publishes for resource.Quantity.
    public const string QuantityPattern =
        @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    public static V1JSONSchemaProps? TryCreate(Type type)
    {
        if (type.IsEnum)
        {
            return new V1JSONSchemaProps { Type = "string", EnumProperty = [.. JsonNames.EnumMembers(type)] };
        }

        return type switch
        {
            _ when type == typeof(string) => Typed("string"),
            _ when type == typeof(bool) => Typed("boolean"),
            _ when type == typeof(int) => Typed("integer", "int32"),
            _ when type == typeof(long) => Typed("integer", "int64"),
            _ when type == typeof(double) => Typed("number", "double"),
            _ when type == typeof(float) => Typed("number", "float"),
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => Typed("string", "date-time"),
            _ when type == typeof(ResourceQuantity) => Quantity(),
            _ when type == typeof(IntOrString) => IntOrString(),
            _ => null,
        };
    }

    private static V1JSONSchemaProps Typed(string type, string? format = null) => new() { Type = type, Format = format };

    private static V1JSONSchemaProps IntOrString() => new()
    {
        AnyOf = [Typed("integer"), Typed("string")],
        XKubernetesIntOrString = true,
    };

    private static V1JSONSchemaProps Quantity()
    {
        var schema = IntOrString();
        schema.Pattern = QuantityPattern;
        return schema;
    }
}
