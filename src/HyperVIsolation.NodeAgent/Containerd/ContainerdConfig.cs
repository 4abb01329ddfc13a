namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>What the product needs from a containerd <c>config.toml</c>: its version, imports and CRI runtime handlers.</summary>
public sealed record ContainerdConfig
{
    /// <summary>Config schema version: 3 for containerd 2.x, 2 for containerd 1.7, 1 (or absent) for older.</summary>
    public required int Version { get; init; }

    /// <summary>Drop-in files containerd merges into this one, as written (may be relative or globs).</summary>
    public IReadOnlyList<string> Imports { get; init; } = [];

    /// <summary>Runtime handlers by name.</summary>
    public IReadOnlyDictionary<string, ContainerdRuntimeHandler> RuntimeHandlers { get; init; } =
        new Dictionary<string, ContainerdRuntimeHandler>(StringComparer.Ordinal);

    /// <summary>Looks up a handler by the name a RuntimeClass gives.</summary>
    public bool TryGetHandler(string name, out ContainerdRuntimeHandler handler)
    {
        if (RuntimeHandlers.TryGetValue(name, out var found))
        {
            handler = found;
            return true;
        }

        handler = null!;
        return false;
    }
}
