using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Json;

/// <summary>
/// Rejects absurdly deep documents up front, so the recursive algorithms of this library can never
/// overflow the stack (which would kill the process rather than throw).
/// </summary>
internal static class JsonDepthGuard
{
    /// <summary>Far deeper than any Kubernetes object, far shallower than the stack allows.</summary>
    public const int MaxDepth = 256;

    public static void Ensure(JsonNode? node, string what)
    {
        var pending = new Stack<(JsonNode Node, int Depth)>();
        if (node is not null)
        {
            pending.Push((node, 1));
        }

        while (pending.TryPop(out var current))
        {
            if (current.Depth > MaxDepth)
            {
                throw PatchException.BadRequest($"{what} is nested deeper than {MaxDepth} levels");
            }

            foreach (var child in Children(current.Node))
            {
                pending.Push((child, current.Depth + 1));
            }
        }
    }

    private static IEnumerable<JsonNode> Children(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>(),
        JsonArray array => array.OfType<JsonNode>(),
        _ => [],
    };
}
