using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// Forces every object and array of a JSON tree to build its children now. Nodes parsed from text
/// build their dictionaries and lists on first access, and two threads reading such a node for the
/// first time race; a stored object is materialised once, before it is shared, so readers only read.
/// </summary>
internal static class JsonTreeMaterializer
{
    /// <summary>Materialises <paramref name="node"/> and everything below it.</summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
