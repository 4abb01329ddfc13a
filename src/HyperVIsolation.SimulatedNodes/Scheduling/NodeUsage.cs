namespace HyperVIsolation.SimulatedNodes.Scheduling;

/// <summary>What the pods already on one node hold: the sum of their requests and how many they are.</summary>
/// <param name="Requested">Summed requests including overhead, per resource in its base unit.</param>
/// <param name="Pods">How many pods hold them.</param>
public sealed record NodeUsage(IReadOnlyDictionary<string, decimal> Requested, int Pods)
{
    /// <summary>A node without pods.</summary>
    public static NodeUsage Empty { get; } = new(new Dictionary<string, decimal>(StringComparer.Ordinal), 0);

    /// <summary>This usage plus one more pod requesting <paramref name="request"/>.</summary>
    public NodeUsage Plus(IReadOnlyDictionary<string, decimal> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = new Dictionary<string, decimal>(Requested, StringComparer.Ordinal);
        foreach (var (name, amount) in request)
        {
            total[name] = total.GetValueOrDefault(name) + amount;
        }

        return new NodeUsage(total, Pods + 1);
    }
}
