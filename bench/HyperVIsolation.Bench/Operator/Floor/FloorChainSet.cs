namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>Recorded writes grouped per workload, and those that belong to no workload.</summary>
/// <param name="Chains">Each workload's writes (<c>namespace/name</c>), in the order they were sent.</param>
/// <param name="Apart">Writes about nothing a workload owns; not replayed.</param>
internal sealed record FloorChainSet(IReadOnlyDictionary<string, List<RecordedWrite>> Chains, IReadOnlyList<RecordedWrite> Apart)
{
    /// <summary>Writes in the chains.</summary>
    public int ChainedWrites => Chains.Values.Sum(chain => chain.Count);

    /// <summary>Chained writes by <c>method resource</c> (e.g. <c>POST pods</c>, <c>PUT pods/status</c>), for the report.</summary>
    public IReadOnlyDictionary<string, long> ChainedByKind() => Chains.Values.SelectMany(chain => chain)
        .GroupBy(write => $"{write.Method} {ResourcePath.Parse(write.Path)?.Kind ?? "?"}")
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.Ordinal);
}
