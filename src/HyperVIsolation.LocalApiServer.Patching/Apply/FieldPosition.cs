using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Patching.Schema;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>A place inside an object reached by following a field path.</summary>
/// <param name="Value">The value at this place.</param>
/// <param name="Schema">Its schema.</param>
/// <param name="ListSchema">The schema of the list containing it, when it is a list item.</param>
internal readonly record struct FieldPosition(JsonNode Value, SchemaNode Schema, SchemaNode? ListSchema);
