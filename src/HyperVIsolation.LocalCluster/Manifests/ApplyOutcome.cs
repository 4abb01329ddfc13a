namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>What applying one manifest did.</summary>
/// <param name="Manifest">The manifest.</param>
/// <param name="Action"><c>created</c>, <c>configured</c> or <c>failed</c>.</param>
/// <param name="Error">Why it failed, when it did.</param>
internal sealed record ApplyOutcome(Manifest Manifest, string Action, string? Error = null)
{
    /// <summary>Whether the object is now in the cluster as written.</summary>
    public bool Succeeded => Error is null;
}
