namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>One <c>containerd.runtimes.&lt;name&gt;</c> table of the CRI plugin: a RuntimeClass handler.</summary>
public sealed record ContainerdRuntimeHandler
{
    /// <summary>The handler name a RuntimeClass refers to, for example <c>runhcs-wcow-hypervisor</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The shim, for Windows <c>io.containerd.runhcs.v1</c>.</summary>
    public string? RuntimeType { get; init; }

    /// <summary>Glob patterns of pod annotations passed to the shim; all others are dropped silently.</summary>
    public IReadOnlyList<string> PodAnnotations { get; init; } = [];

    /// <summary>Glob patterns of container annotations passed to the shim.</summary>
    public IReadOnlyList<string> ContainerAnnotations { get; init; } = [];

    /// <summary>The shim options, when the handler has an <c>options</c> table.</summary>
    public RunhcsOptions? Options { get; init; }
}
