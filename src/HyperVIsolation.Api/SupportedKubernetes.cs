namespace HyperVIsolation.Api;

/// <summary>
/// The Kubernetes versions the product supports, stated once: the generated CRDs carry it as the
/// <see cref="Annotation"/>, and tests hold Chart.yaml <c>kubeVersion</c> and the README to it.
/// </summary>
public static class SupportedKubernetes
{
    /// <summary>
    /// The oldest supported minor: the CRDs' validation rules name the failing field
    /// (<c>x-kubernetes-validations[].fieldPath</c>), which kube-apiserver accepts from 1.28 on.
    /// </summary>
    public const int MinimumMinor = 28;

    /// <summary>The range as a semver constraint, as Helm reads it (<c>-0</c> admits providers' builds such as v1.30.2-eks-1).</summary>
    public static string Constraint { get; } = $">=1.{MinimumMinor}.0-0";

    /// <summary>The CRD annotation that states <see cref="Constraint"/> where only the CRDs are installed.</summary>
    public const string Annotation = V1Alpha1.ApiGroup.Group + "/kubernetes-versions";
}
