namespace HyperVIsolation.Operator.Admission.Rules;

/// <summary>The operation of an admission request.</summary>
internal enum AdmissionOperation
{
    /// <summary>CREATE.</summary>
    Create,

    /// <summary>UPDATE (including subresources such as ephemeralcontainers).</summary>
    Update,

    /// <summary>DELETE.</summary>
    Delete,

    /// <summary>CONNECT.</summary>
    Connect,
}
