using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Prints a path the way Kubernetes conflict messages do:
/// <c>.spec.template.spec.containers[name="app"].image</c>, <c>.metadata.finalizers[="x"]</c>.
/// </summary>
internal static class FieldPathPrinter
{
    public static string Print(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        foreach (var element in path)
        {
            AppendElement(builder, element);
        }

        return builder.ToString();
    }

    private static void AppendElement(StringBuilder builder, string element)
    {
        var body = element[2..];
        switch (element[0])
        {
            case 'f':
                builder.Append('.').Append(body);
                break;
            case 'k':
                builder.Append('[').Append(PrintKey(body)).Append(']');
                break;
            case 'v':
                builder.Append("[=").Append(body).Append(']');
                break;
            default:
                builder.Append('[').Append(body).Append(']');
                break;
        }
    }

    private static string PrintKey(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject key
                ? string.Join(",", key.Select(field => $"{field.Key}={CompactJson.Write(field.Value)}"))
                : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
