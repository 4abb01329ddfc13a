using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Drops <c>null</c> members from an applied configuration: typed Kubernetes objects cannot hold a
/// null field, so applying <c>field: null</c> is the same as not applying the field.
/// </summary>
internal static class NullMembers
{
    public static JsonObject Without(JsonObject obj)
    {
        foreach (var (name, value) in obj.ToArray())
        {
            if (value is null)
            {
                obj.Remove(name);
            }
            else
            {
                Visit(value);
            }
        }

        return obj;
    }

    private static void Visit(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                Without(obj);
                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    Visit(item);
                }

                break;
        }
    }
}
