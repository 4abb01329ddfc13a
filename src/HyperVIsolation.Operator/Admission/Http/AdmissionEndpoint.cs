namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>The webhook paths the operator serves.</summary>
internal enum AdmissionEndpoint
{
    /// <summary><c>/mutate/pods</c>.</summary>
    MutatePods,

    /// <summary><c>/validate/pods</c> (pods and pods/ephemeralcontainers).</summary>
    ValidatePods,

    /// <summary><c>/validate/namespaces</c>.</summary>
    ValidateNamespaces,

    /// <summary><c>/validate/isolatedworkloads</c>.</summary>
    ValidateIsolatedWorkloads,

    /// <summary><c>/validate/isolationpolicies</c>.</summary>
    ValidateIsolationPolicies,
}
