using System.Text.Json.Nodes;

namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>
/// The rollout's recorded writes split into one chain per workload, in the order they were sent: the workload's create
/// and status writes, its pods' creates, bindings and status writes, and the Events about either. Writes about nothing
/// a workload owns (leases, node heartbeats, RuntimeClasses, the CA Secret) are left apart. Pure.
/// </summary>
internal static class FloorChains
{
    /// <summary>Groups <paramref name="writes"/> by workload (<c>namespace/name</c>).</summary>
    public static FloorChainSet Group(IReadOnlyList<RecordedWrite> writes)
    {
        var chains = new Dictionary<string, List<RecordedWrite>>(StringComparer.Ordinal);
        var podOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var apart = new List<RecordedWrite>();
        foreach (var write in writes.OrderBy(write => write.Sequence))
        {
            var workload = WorkloadOf(write, podOwners);
            if (workload is null)
            {
                apart.Add(write);
                continue;
            }

            if (!chains.TryGetValue(workload, out var chain))
            {
                chains[workload] = chain = [];
            }

            chain.Add(write);
        }

        return new FloorChainSet(chains, apart);
    }

    private static string? WorkloadOf(RecordedWrite write, Dictionary<string, string> podOwners)
    {
        if (ResourcePath.Parse(write.Path) is not { } path)
        {
            return null;
        }

        switch (path.Resource)
        {
            case "isolatedworkloads":
                return (path.Name ?? write.CreatedName) is { } workload ? $"{path.Namespace}/{workload}" : null;
            case "pods" when path.Name is { } pod:
                return podOwners.GetValueOrDefault($"{path.Namespace}/{pod}");
            case "pods" when write.Method == "POST" && write.CreatedName is { } created && ControllerName(write.Body) is { } owner:
                podOwners[$"{path.Namespace}/{created}"] = $"{path.Namespace}/{owner}";
                return $"{path.Namespace}/{owner}";
            case "events":
                return InvolvedObject(write.Body) switch
                {
                    ("Pod", var name) => podOwners.GetValueOrDefault($"{path.Namespace}/{name}"),
                    ("IsolatedWorkload", var name) => $"{path.Namespace}/{name}",
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static string? ControllerName(string body) =>
        Parse(body)?["metadata"]?["ownerReferences"] is JsonArray owners
            ? owners.OfType<JsonObject>().FirstOrDefault(owner => owner["controller"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>()
            : null;

    private static (string? Kind, string? Name) InvolvedObject(string body) =>
        Parse(body)?["involvedObject"] is JsonObject involved
            ? (involved["kind"]?.GetValue<string>(), involved["name"]?.GetValue<string>())
            : (null, null);

    private static JsonNode? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
