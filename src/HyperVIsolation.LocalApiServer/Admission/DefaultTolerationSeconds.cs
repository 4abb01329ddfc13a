using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Admission;

/// <summary>
/// kube-apiserver's DefaultTolerationSeconds plugin: every new pod tolerates the
/// <c>not-ready</c> and <c>unreachable</c> NoExecute taints for 300 s unless it already tolerates them
/// (on update too, so a replaced toleration list keeps them).
/// </summary>
public static class DefaultTolerationSeconds
{
    private const long Seconds = 300;
    private static readonly string[] Taints = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    /// <summary>Adds the missing default tolerations to a pod being created or updated.</summary>
    public static void Admit(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod["spec"] is not JsonObject spec)
        {
            return;
        }

        var tolerations = spec["tolerations"] as JsonArray ?? [];
        foreach (var taint in Taints)
        {
            var tolerated = tolerations.OfType<JsonObject>().Any(t =>
                (t["key"]?.ToString() is null or "" || t["key"]?.ToString() == taint)
                && (t["effect"]?.ToString() is null or "" or "NoExecute"));
            if (!tolerated)
            {
                tolerations.Add(new JsonObject { ["key"] = taint, ["operator"] = "Exists", ["effect"] = "NoExecute", ["tolerationSeconds"] = Seconds });
            }
        }

        spec["tolerations"] = tolerations;
    }
}
