using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>One config file as parsed, before it is merged with the files it imports.</summary>
/// <param name="Version">Its <c>version</c> key (<see cref="ContainerdConfigVersions.Legacy"/> when absent).</param>
/// <param name="Imports">Its <c>imports</c>, as written.</param>
/// <param name="Root">The whole file.</param>
internal sealed record ParsedContainerdDocument(int Version, IReadOnlyList<string> Imports, TomlTable Root);
