namespace HyperVIsolation.LocalCluster.Options;

/// <summary>What the local cluster runs and how it reports, parsed from the command line.</summary>
internal sealed record LocalClusterOptions
{
    /// <summary>The default time to wait for every sample to become Ready.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The node pool file shipped next to the executable.</summary>
    public const string DefaultNodePoolFileName = "local-cluster-nodes.yaml";

    /// <summary>The namespace samples without one are applied to: the untrusted tenant, so its policy applies.</summary>
    public const string DefaultNamespace = "tenant-untrusted";

    /// <summary>Stop once everything is Ready instead of serving the kubeconfig until Ctrl+C.</summary>
    public bool ExitWhenReady { get; init; }

    /// <summary>How long to wait for every sample workload to become Ready.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The node pool file; the shipped pool when null.</summary>
    public string? NodePoolPath { get; init; }

    /// <summary>The directory of sample manifests; <c>config/samples</c> of the repository when null.</summary>
    public string? SamplesDirectory { get; init; }

    /// <summary>The directory of CRD manifests; <c>config/crd</c> of the repository when null.</summary>
    public string? CrdDirectory { get; init; }

    /// <summary>Where namespaced samples that name no namespace go.</summary>
    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>Show the logs of the API server, the nodes and the operator.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// An existing cluster's kubeconfig: attach the simulated nodes and their agents to it instead of
    /// starting the local API server. Null runs the local API server.
    /// </summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Run the operator in this process, or rely on the one the cluster runs (only with <see cref="KubeconfigPath"/>).</summary>
    public OperatorMode Operator { get; init; } = OperatorMode.InProcess;
}
