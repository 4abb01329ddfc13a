using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.CustomResources;

/// <summary>
/// Applies defaults and validates a custom resource against its structural OpenAPI v3 schema
/// (type, required, enum, minimum/maximum, length, items, pattern, nullable, int-or-string), with
/// kube-apiserver's field paths and messages. CEL rules (<c>x-kubernetes-validations</c>) are not enforced.
/// </summary>
public static class StructuralSchemaValidator
{
    /// <summary>Fills in schema defaults for missing fields, in place.</summary>
    public static void ApplyDefaults(JsonNode? node, JsonObject schema)
    {
        if (node is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (key, propertyNode) in properties)
            {
                if (propertyNode is not JsonObject property)
                {
                    continue;
                }

                if (obj[key] is null && property["default"] is { } defaultValue)
                {
                    obj[key] = defaultValue.DeepClone();
                }

                ApplyDefaults(obj[key], property);
            }
        }
        else if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            foreach (var item in array)
            {
                ApplyDefaults(item, items);
            }
        }
    }

    /// <summary>Validates <paramref name="obj"/>; returns every field error found.</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject schema)
    {
        var errors = new List<FieldError>();
        var root = (JsonObject)obj.DeepClone();
        root.Remove("metadata");
        root.Remove("apiVersion");
        root.Remove("kind");
        ValidateObject(root, schema, string.Empty, errors);
        return errors;
    }

    private static void ValidateNode(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            if (schema["nullable"] is not JsonValue nullable || !nullable.GetValue<bool>())
            {
                errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: \"null\": {path} in body must be of type {schema["type"]}: \"null\""));
            }

            return;
        }

        if (!HasExpectedType(node, schema, out var actual))
        {
            errors.Add(new FieldError("FieldValueTypeInvalid", path, $"Invalid value: \"{actual}\": {path} in body must be of type {schema["type"]}: \"{actual}\""));
            return;
        }

        ValidateEnum(node, schema, path, errors);
        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            case JsonValue value:
                ValidateScalar(value, schema, path, errors);
                break;
            default:
                break;
        }
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r?.ToString() ?? string.Empty))
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldError.Required(Join(path, required)));
            }
        }

        foreach (var (key, value) in obj)
        {
            var propertySchema = schema["properties"]?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
            if (propertySchema is not null)
            {
                ValidateNode(value, propertySchema, Join(path, key), errors);
            }
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["minItems"] is JsonValue minItems && array.Count < Number(minItems))
        {
            errors.Add(FieldError.InvalidValue(path, array.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minItems} items"));
        }

        if (schema["maxItems"] is JsonValue maxItems && array.Count > Number(maxItems))
        {
            errors.Add(new FieldError("FieldValueTooMany", path, $"Too many: {array.Count}: must have at most {maxItems} items"));
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static void ValidateScalar(JsonValue value, JsonObject schema, string path, List<FieldError> errors)
    {
        var rendered = value.ToJsonString();
        if (value.GetValueKind() == JsonValueKind.Number)
        {
            var number = Number(value);
            if (schema["minimum"] is JsonValue minimum && number < Number(minimum))
            {
                errors.Add(FieldError.InvalidValue(path, rendered, $"{path} in body should be greater than or equal to {minimum}"));
            }

            if (schema["maximum"] is JsonValue maximum && number > Number(maximum))
            {
                errors.Add(FieldError.InvalidValue(path, rendered, $"{path} in body should be less than or equal to {maximum}"));
            }
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return;
        }

        var text = value.GetValue<string>();
        if (schema["minLength"] is JsonValue minLength && text.Length < Number(minLength))
        {
            errors.Add(FieldError.InvalidValue(path, rendered, $"{path} in body should be at least {minLength} chars long"));
        }

        if (schema["maxLength"] is JsonValue maxLength && text.Length > Number(maxLength))
        {
            errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
        }

        if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.InvalidValue(path, rendered, $"{path} in body should match '{pattern}'"));
        }
    }

    private static void ValidateEnum(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            return;
        }

        errors.Add(FieldError.NotSupported(path, node.ToJsonString(), allowed.Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : a?.ToJsonString() ?? "null")));
    }

    private static bool HasExpectedType(JsonNode node, JsonObject schema, out string actual)
    {
        var kind = node.GetValueKind();
        actual = kind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => node.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (schema["x-kubernetes-int-or-string"] is JsonValue intOrString && intOrString.GetValue<bool>())
        {
            return actual is "integer" or "string";
        }

        var expected = schema["type"]?.ToString();
        return expected switch
        {
            null or "" => true,
            "number" => actual is "number" or "integer",
            _ => expected == actual,
        };
    }

    // Values may be backed by parsed JSON or by CLR numbers of any width; compare them as doubles.
    private static double Number(JsonNode node) =>
        double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
