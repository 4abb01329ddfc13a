namespace HyperVIsolation.Operator.Admission.Http;

/// <summary>The URL path of each endpoint, shared by the routes and the rendered webhook configurations.</summary>
internal static class AdmissionPaths
{
    /// <summary>Every endpoint with its path.</summary>
    public static IReadOnlyList<(AdmissionEndpoint Endpoint, string Path)> All { get; } =
    [
        (AdmissionEndpoint.MutatePods, "/mutate/pods"),
        (AdmissionEndpoint.ValidatePods, "/validate/pods"),
        (AdmissionEndpoint.ValidateNamespaces, "/validate/namespaces"),
        (AdmissionEndpoint.ValidateIsolatedWorkloads, "/validate/isolatedworkloads"),
        (AdmissionEndpoint.ValidateIsolationPolicies, "/validate/isolationpolicies"),
    ];

    /// <summary>The path of one endpoint.</summary>
    public static string Of(AdmissionEndpoint endpoint) => All.First(entry => entry.Endpoint == endpoint).Path;
}
