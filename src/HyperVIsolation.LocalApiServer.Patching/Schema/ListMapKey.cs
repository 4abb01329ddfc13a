using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// One key field of a list map, e.g. <c>containerPort</c>. <paramref name="Default"/> stands in
/// when an item omits the field, as the schema default does on a real server (<c>protocol: TCP</c>).
/// </summary>
/// <param name="Name">The key field name.</param>
/// <param name="Default">The value assumed when the item omits the field; null when the key is required.</param>
public sealed record ListMapKey(string Name, JsonNode? Default = null);
