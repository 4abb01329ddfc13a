namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>Where objects of one kind live in the API: enough to address them through the generic client.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Plural">Resource name in URLs.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
internal sealed record ResourceKind(string Group, string Version, string Plural, bool Namespaced);
