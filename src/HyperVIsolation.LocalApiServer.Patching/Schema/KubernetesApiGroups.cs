namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// The API groups served by kube-apiserver itself. Strategic merge patch works only for these;
/// anything else is a custom resource.
/// </summary>
internal static class KubernetesApiGroups
{
    private static readonly HashSet<string> BuiltIn = new(StringComparer.Ordinal)
    {
        string.Empty, "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io",
        "networking.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io", "coordination.k8s.io",
        "node.k8s.io", "events.k8s.io", "scheduling.k8s.io", "discovery.k8s.io", "certificates.k8s.io",
        "apiextensions.k8s.io", "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io",
        "resource.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "storagemigration.k8s.io",
        "internal.apiserver.k8s.io",
    };

    /// <summary>The group of an <c>apiVersion</c>: <c>apps/v1</c> → <c>apps</c>, <c>v1</c> → core.</summary>
    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    public static bool IsBuiltIn(string apiVersion) => BuiltIn.Contains(GroupOf(apiVersion));
}
