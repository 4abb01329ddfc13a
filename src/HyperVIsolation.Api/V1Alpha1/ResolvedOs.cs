namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>The operating system the operator chose for the workload.</summary>
public sealed class ResolvedOs
{
    /// <summary>Chosen base image family.</summary>
    public OsFlavor? Flavor { get; set; }

    /// <summary>Chosen Windows release, for example ltsc2022.</summary>
    public string? Version { get; set; }

    /// <summary>Build of the chosen release, for example 10.0.20348.</summary>
    public string? Build { get; set; }

    /// <summary>Node builds the pods may be placed on.</summary>
    public List<string>? CompatibleNodeBuilds { get; set; }

    /// <summary>Image per container, after resolving per-release variants and base images.</summary>
    public Dictionary<string, string>? Images { get; set; }
}
