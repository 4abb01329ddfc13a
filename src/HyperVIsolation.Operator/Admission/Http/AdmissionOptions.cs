namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>Limits of the admission endpoints, bound from the <see cref="SectionName"/> section.</summary>
internal sealed record AdmissionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Admission";

    /// <summary>
    /// Largest request body read, 3 MiB by default: the API server's request limit is 3 MiB and an
    /// UPDATE review carries the object twice, but a pod that large is not a pod we admit anyway.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// Users whose pods keep their VM sizing annotations (checked against the caps instead of
    /// recomputed): the operator's own service account, for example
    /// <c>system:serviceaccount:hyperv-isolation:hyperv-isolation</c>, whose pods are sized from
    /// an IsolatedWorkload's <c>spec.vm</c>. Nobody else.
    /// </summary>
    public IReadOnlyList<string> TrustedUsers { get; init; } = [];
}
