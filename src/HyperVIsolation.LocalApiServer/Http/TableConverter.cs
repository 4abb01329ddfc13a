using System.Globalization;
using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.CustomResources;
using HyperVIsolation.LocalApiServer.Resources;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Renders objects as a <c>meta.k8s.io/v1 Table</c> (what <c>kubectl get</c> asks for): Name and Age
/// for built-ins, the CRD's printer columns for custom resources.
/// </summary>
public sealed class TableConverter(TimeProvider clock)
{
    /// <summary>True when the Accept header asks for a Table.</summary>
    public static bool IsRequested(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>Builds a Table of <paramref name="items"/>.</summary>
    public JsonObject Convert(ResourceDefinition resource, IEnumerable<JsonObject> items, JsonObject listMetadata, string includeObject, bool includeHeaders = true)
    {
        var columns = Columns(resource);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(item, c)).ToArray()) };
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => item.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                },
            };
            rows.Add(row);
        }

        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata.DeepClone(),
        };
        if (includeHeaders)
        {
            table["columnDefinitions"] = new JsonArray(columns.Select(Definition).ToArray());
        }

        table["rows"] = rows;
        return table;
    }

    private static List<PrinterColumn> Columns(ResourceDefinition resource)
    {
        var name = new PrinterColumn("Name", "string", ".metadata.name", 0, "Name must be unique within a namespace.");
        var age = new PrinterColumn("Age", "date", ".metadata.creationTimestamp", 0, "CreationTimestamp is a timestamp representing the server time when this object was created.");
        if (resource.Custom is { PrinterColumns.Count: > 0 } custom)
        {
            return [name, .. custom.PrinterColumns];
        }

        return resource.StorageKey switch
        {
            "namespaces" => [name, new PrinterColumn("Status", "string", ".status.phase", 0, "The status of the namespace"), age],
            "pods" => [name, new PrinterColumn("Status", "string", ".status.phase", 0, "The phase of the pod"), age],
            "nodes" => [name, new PrinterColumn("Status", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0, "Ready condition"), age],
            _ => [name, age],
        };
    }

    private static JsonObject Definition(PrinterColumn column) => new()
    {
        ["name"] = column.Name,
        ["type"] = column.Type == "date" ? "string" : column.Type,
        ["format"] = column.JsonPath == ".metadata.name" ? "name" : string.Empty,
        ["description"] = column.Description,
        ["priority"] = column.Priority,
    };

    private JsonNode? Cell(JsonObject item, PrinterColumn column)
    {
        var value = SimpleJsonPath.Read(item, column.JsonPath);
        if (column.Type == "date")
        {
            return value is null ? "<unknown>" : Age(value.ToString());
        }

        return value switch
        {
            null => null,
            JsonValue v => v.DeepClone(),
            _ => value.ToJsonString(),
        };
    }

    private string Age(string timestamp)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<unknown>";
        }

        var age = clock.GetUtcNow() - then;
        return age.TotalSeconds switch
        {
            < 0 => "0s",
            < 120 => $"{(int)age.TotalSeconds}s",
            < 600 => $"{(int)age.TotalMinutes}m{age.Seconds}s",
            < 10800 => $"{(int)age.TotalMinutes}m",
            < 172800 => $"{(int)age.TotalHours}h",
            _ => $"{(int)age.TotalDays}d",
        };
    }
}
