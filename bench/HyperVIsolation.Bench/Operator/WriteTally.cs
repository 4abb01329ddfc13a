using HyperVIsolation.LocalApiServer.Metering;

namespace HyperVIsolation.Bench.Operator;

/// <summary>Server-side writes of one phase, by client and by verb and resource.</summary>
/// <param name="ByClient">Writes per client (User-Agent product).</param>
/// <param name="OperatorByResource">The operator's writes by <c>verb resource</c>, leases apart.</param>
/// <param name="OperatorLeaseWrites">The operator's leader-election lease writes (renewals are expected in any phase).</param>
internal sealed record WriteTally(IReadOnlyDictionary<string, long> ByClient, IReadOnlyDictionary<string, long> OperatorByResource, long OperatorLeaseWrites)
{
    /// <summary>The operator's writes other than lease renewals.</summary>
    public long OperatorWrites => OperatorByResource.Values.Sum();

    /// <summary>The operator's Event writes (creates and count bumps): best-effort telemetry, reported beside the goal.</summary>
    public long OperatorEventWrites => OperatorByResource.Where(c => c.Key.EndsWith(" events", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>The operator's writes of state (pods, status, RuntimeClasses, its CA Secret): what the writes-per-workload goal counts.</summary>
    public long OperatorStateWrites => OperatorWrites - OperatorEventWrites;

    /// <summary>Operator writes of one verb and resource, e.g. <c>create pods</c>.</summary>
    public long Operator(string verbAndResource) => OperatorByResource.TryGetValue(verbAndResource, out var count) ? count : 0;

    /// <summary>Summarizes a counter snapshot.</summary>
    public static WriteTally From(IReadOnlyDictionary<RequestKey, long> counts)
    {
        var writes = counts.Where(c => c.Key.IsWrite).ToList();
        var byClient = writes.GroupBy(c => c.Key.Client.Length == 0 ? "(none)" : c.Key.Client)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        var operatorWrites = writes.Where(c => c.Key.Client == BenchClients.Operator).ToList();
        var byResource = operatorWrites.Where(c => c.Key.Resource != "leases")
            .GroupBy(c => $"{c.Key.Verb} {c.Key.Resource}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        return new WriteTally(byClient, byResource, operatorWrites.Where(c => c.Key.Resource == "leases").Sum(c => c.Value));
    }
}
