namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>
/// Which pod to delete first when there are too many, as the ReplicaSet controller chooses: a pod
/// that is not ready before a ready one, an earlier phase (Pending, then Unknown, then Running)
/// before a later one, the newest before the oldest (it has done the least work), then by name so
/// the order is total.
/// </summary>
internal sealed class PodDeletionOrder : IComparer<PodSummary>
{
    public static PodDeletionOrder Instance { get; } = new();

    public int Compare(PodSummary? x, PodSummary? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byReady = x.Ready.CompareTo(y.Ready);
        if (byReady != 0)
        {
            return byReady;
        }

        var byPhase = PhaseRank(x.Phase).CompareTo(PhaseRank(y.Phase));
        if (byPhase != 0)
        {
            return byPhase;
        }

        var byAge = y.CreatedAt.CompareTo(x.CreatedAt);
        return byAge != 0 ? byAge : string.CompareOrdinal(x.Name, y.Name);
    }

    private static int PhaseRank(PodPhase phase) => phase switch
    {
        PodPhase.Pending => 0,
        PodPhase.Unknown => 1,
        _ => 2,
    };
}
