using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>
/// Makes a recorded write fit the floor's server: a pod create names the pod as the rollout's server did (so later
/// paths still match), every uid the rollout's server assigned is replaced by the floor server's, and resource versions
/// are emptied (the floor's writes are unconditional: its server has other versions). Pure.
/// </summary>
internal static partial class FloorRewrite
{
    /// <summary>The body to send for <paramref name="write"/>, given the uids the floor's server assigned so far (old to new).</summary>
    public static string Body(RecordedWrite write, IReadOnlyDictionary<string, string> uids)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(uids);
        var body = write.Body;
        if (write.Method == "POST" && write.CreatedName is { } name && ResourcePath.Parse(write.Path) is { Resource: "pods", Name: null }
            && JsonNode.Parse(body) is JsonObject pod && pod["metadata"] is JsonObject metadata)
        {
            metadata["name"] = name;
            body = pod.ToJsonString();
        }

        foreach (var (old, current) in uids)
        {
            body = body.Replace(old, current, StringComparison.Ordinal);
        }

        return ResourceVersion().Replace(body, "\"resourceVersion\":\"\"");
    }

    [GeneratedRegex("\"resourceVersion\":\"[^\"]*\"")]
    private static partial Regex ResourceVersion();
}
