namespace HyperVIsolation.LocalCluster.Progress;

/// <summary>A workload the demo waits for.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Name">Name.</param>
internal sealed record WorkloadKey(string Namespace, string Name);
