namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>A simulated node's containerd configuration files.</summary>
/// <param name="ConfigToml">The main <c>config.toml</c>.</param>
/// <param name="DropIn">The node agent's Hyper-V drop-in beside it, when the allow-list is configured.</param>
public sealed record SimulatedContainerdFiles(string ConfigToml, string? DropIn);
