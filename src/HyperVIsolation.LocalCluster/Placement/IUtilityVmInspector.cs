namespace HyperVIsolation.LocalCluster.Placement;

/// <summary>Finds the utility VM a node created for a pod.</summary>
internal interface IUtilityVmInspector
{
    /// <summary>The VM of pod <paramref name="podUid"/> on <paramref name="nodeName"/>, or null when the node has none for it.</summary>
    Task<UtilityVmFacts?> FindAsync(string nodeName, string podUid, CancellationToken cancellationToken);
}
