using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>One config file before its runtime handlers are merged with its imports'.</summary>
internal sealed record ParsedContainerdDocument(int Version, IReadOnlyList<string> Imports, TomlTable Runtimes);
