using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Writes JSON the way Go does inside fieldsV1 keys: compact, object members in the given order,
/// and only '"', '\' and control characters escaped (System.Text.Json would also escape '"' as
/// <c>\u0022</c>, which changes the key text).
/// </summary>
internal static class CompactJson
{
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        builder.Append('"');
    }

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                AppendObject(builder, obj);
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                AppendString(builder, value.GetValue<string>());
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    private static void AppendObject(StringBuilder builder, JsonObject obj)
    {
        builder.Append('{');
        var first = true;
        foreach (var (name, value) in obj)
        {
            builder.Append(first ? string.Empty : ",");
            first = false;
            AppendString(builder, name);
            builder.Append(':');
            Append(builder, value);
        }

        builder.Append('}');
    }
}
