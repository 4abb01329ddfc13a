namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Everything the <c>manifests</c> command writes: one CRD file per custom resource (for
/// <c>config/crd/</c> and the chart's <c>crds/</c>) and the kustomization listing them.
/// </summary>
internal sealed record GeneratedManifests(IReadOnlyList<ManifestFile> Crds, ManifestFile Kustomization);
