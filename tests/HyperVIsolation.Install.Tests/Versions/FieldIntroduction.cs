namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>
/// A manifest field (or apiVersion and kind) and the first Kubernetes 1.x minor whose API server
/// accepts it, with where that is stated.
/// </summary>
/// <param name="Field">
/// <c>apiVersion Kind</c> for a whole kind, <c>Kind:path.to[].field</c> (or <c>...=value</c>) for a
/// field, <c>schema:keyword</c> for a CRD schema keyword.
/// </param>
/// <param name="Minor">The 1.x minor; 0 for what every Kubernetes 1.x serves.</param>
/// <param name="Source">Where the version is documented.</param>
public sealed record FieldIntroduction(string Field, int Minor, string Source);
