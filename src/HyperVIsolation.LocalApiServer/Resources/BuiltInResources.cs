namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>The built-in resources this server serves (stored with generic semantics).</summary>
public static class BuiltInResources
{
    /// <summary>Every built-in resource definition.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Core("namespaces", "Namespace", namespaced: false, ["ns"], status: true, other: ["finalize"]),
        Core("pods", "Pod", namespaced: true, ["po"], status: true, other: ["binding", "ephemeralcontainers", "log"], categories: ["all"]),
        Core("nodes", "Node", namespaced: false, ["no"], status: true),
        Core("events", "Event", namespaced: true, ["ev"]),
        Core("configmaps", "ConfigMap", namespaced: true, ["cm"]),
        Core("secrets", "Secret", namespaced: true, []),
        Core("serviceaccounts", "ServiceAccount", namespaced: true, ["sa"], other: ["token"]),
        Core("services", "Service", namespaced: true, ["svc"], status: true, categories: ["all"]),
        Core("endpoints", "Endpoints", namespaced: true, ["ep"]),
        Core("persistentvolumeclaims", "PersistentVolumeClaim", namespaced: true, ["pvc"], status: true),
        Of("events.k8s.io", "v1", "events", "Event", namespaced: true, ["ev"]),
        Of("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", namespaced: false, []),
        Of("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true, []),
        Of("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", namespaced: true, ["netpol"]),
        Of("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", namespaced: true, ["pdb"], status: true),
        Of("rbac.authorization.k8s.io", "v1", "roles", "Role", namespaced: true, []),
        Of("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", namespaced: true, []),
        Of("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false, []),
        Of("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false, []),
        Of("apps", "v1", "deployments", "Deployment", namespaced: true, ["deploy"], status: true, other: ["scale"], categories: ["all"]),
        Of("apps", "v1", "daemonsets", "DaemonSet", namespaced: true, ["ds"], status: true, categories: ["all"]),
        Of("apps", "v1", "replicasets", "ReplicaSet", namespaced: true, ["rs"], status: true, other: ["scale"], categories: ["all"]),
        Of("apps", "v1", "statefulsets", "StatefulSet", namespaced: true, ["sts"], status: true, other: ["scale"], categories: ["all"]),
        Of("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false, ["crd", "crds"], status: true),
        Of("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", namespaced: false, []),
        Of("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", namespaced: false, []),
        Of("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", namespaced: false, ["pc"]),
    ];

    private static ResourceDefinition Core(
        string plural, string kind, bool namespaced, string[] shortNames, bool status = false, string[]? other = null, string[]? categories = null) =>
        Of(string.Empty, "v1", plural, kind, namespaced, shortNames, status, other, categories);

    private static ResourceDefinition Of(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        string[] shortNames,
        bool status = false,
        string[]? other = null,
        string[]? categories = null) => new()
        {
            Group = group,
            Version = version,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Kind = kind,
            Namespaced = namespaced,
            ShortNames = shortNames,
            HasStatus = status,
            OtherSubresources = other ?? [],
            Categories = categories ?? [],
        };
}
