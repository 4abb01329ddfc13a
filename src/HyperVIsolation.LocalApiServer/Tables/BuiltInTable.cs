using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>The printer of one built-in kind: its columns and how one object fills them.</summary>
/// <param name="Columns">Column definitions, wide ones with priority 1.</param>
/// <param name="Cells">The cells of one object at a given time, one per column.</param>
/// <param name="Conditions">Row conditions (finished pods), or null.</param>
public sealed record BuiltInTable(IReadOnlyList<TableColumn> Columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> Cells, Func<JsonObject, JsonArray?>? Conditions = null);
