namespace HyperVIsolation.LocalCluster.Options;

/// <summary>Where the operator runs (<c>--operator</c>).</summary>
internal enum OperatorMode
{
    /// <summary>In this process, against the cluster's kubeconfig.</summary>
    InProcess,

    /// <summary>Not started: the cluster runs it already (for example installed by the chart).</summary>
    None,
}
