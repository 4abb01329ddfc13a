using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.CustomResources;
using HyperVIsolation.LocalApiServer.Resources;
using HyperVIsolation.LocalApiServer.Tables;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Renders objects as a <c>meta.k8s.io/v1 Table</c> (what <c>kubectl get</c> asks for): kube-apiserver's
/// printers for the built-ins (<see cref="BuiltInTables"/>), the CRD's printer columns for custom
/// resources, Name and Age otherwise. Every column is sent; kubectl shows priority 1 only with <c>-o wide</c>.
/// </summary>
public sealed class TableConverter(TimeProvider clock)
{
    /// <summary>True when the Accept header asks for a Table.</summary>
    public static bool IsRequested(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>Builds a Table of <paramref name="items"/>.</summary>
    public JsonObject Convert(ResourceDefinition resource, IEnumerable<JsonObject> items, JsonObject listMetadata, string includeObject, bool includeHeaders = true)
    {
        var printer = resource.Custom is null ? BuiltInTables.For(resource.StorageKey) : null;
        var columns = printer is null ? Columns(resource) : null;
        var now = clock.GetUtcNow();
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = printer is null ? columns!.Select(c => Cell(item, c)).ToArray() : printer.Cells(item, now);
            var row = new JsonObject { ["cells"] = new JsonArray(cells) };
            if (printer?.Conditions?.Invoke(item) is { } conditions)
            {
                row["conditions"] = conditions;
            }

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
            table["columnDefinitions"] = printer is null
                ? new JsonArray(columns!.Select(Definition).ToArray())
                : new JsonArray(printer.Columns.Select(Definition).ToArray());
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

        return [name, age];
    }

    private static JsonObject Definition(TableColumn column) => new()
    {
        ["name"] = column.Name,
        ["type"] = column.Type,
        ["format"] = column.Format,
        ["description"] = column.Description,
        ["priority"] = column.Priority,
    };

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
            return HumanDuration.Since(value?.ToString(), clock.GetUtcNow());
        }

        return value switch
        {
            null => null,
            JsonValue v => v.DeepClone(),
            _ => value.ToJsonString(),
        };
    }
}
