namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>Shows workload progress as it changes.</summary>
internal interface IProgressDisplay
{
    /// <summary>Shows the latest state of every workload.</summary>
    void Show(IReadOnlyList<WorkloadProgress> rows);

    /// <summary>Ends the display so what follows starts on a fresh line.</summary>
    void Complete();
}
