namespace HyperVIsolation.Install.Tests.Versions;

/// <summary>
/// The first Kubernetes version of each kind, of each CRD schema keyword and of the newer fields
/// the generated CRDs, the chart and config/ emit. Every kind and every schema keyword must be
/// listed (a new one fails <see cref="FieldVersionCheck"/> until it is classified here); within a
/// listed kind only the fields listed here are newer than the kind itself.
/// </summary>
public static class KubernetesFieldVersions
{
    private const string DeprecationGuide = "https://kubernetes.io/docs/reference/using-api/deprecation-guide/";
    private const string CrdDocs = "https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/";
    private const string StructuralSchema = CrdDocs + "#specifying-a-structural-schema (apiextensions.k8s.io/v1, v1.16)";
    private const string ValidationRules = CrdDocs + "#validation-rules (KEP-2876: beta and on by default in v1.25, GA in v1.29)";
    private const string RuleFieldPathAndReason = CrdDocs + "#validation-rules (fieldPath and reason: v1.28, kubernetes/kubernetes#118041)";
    private const string CoreV1 = "core/v1 is served since Kubernetes v1.0";
    private const string CertManager = "cert-manager's own API (cert-manager v1.0+), served only where cert-manager is installed";
    private const string PrometheusOperator = "prometheus-operator's own API (monitoring.coreos.com/v1), served only where its CRDs are installed";
    private const string HostProcess = "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/ (stable in v1.26)";
    private const string MatchConditions = "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-matchconditions (KEP-3716: beta v1.28, GA v1.30)";
    private const string NamespaceNameLabel = "https://kubernetes.io/docs/reference/labeling/well-known-labels-annotations-taints/#kubernetes-io-metadata-name (set on every namespace: beta v1.21, GA v1.22)";

    private static readonly FieldIntroduction[] Entries =
    [
        // Kinds: the API version that is served since the given minor.
        new("apiextensions.k8s.io/v1 CustomResourceDefinition", 16, DeprecationGuide + "#customresourcedefinition-v122"),
        new("apps/v1 Deployment", 9, DeprecationGuide + "#v1-16 (apps/v1 since v1.9)"),
        new("apps/v1 DaemonSet", 9, DeprecationGuide + "#v1-16 (apps/v1 since v1.9)"),
        new("batch/v1 Job", 2, "https://kubernetes.io/docs/concepts/workloads/controllers/job/ (batch/v1 since v1.2)"),
        new("policy/v1 PodDisruptionBudget", 21, DeprecationGuide + "#poddisruptionbudget-v125"),
        new("rbac.authorization.k8s.io/v1 ClusterRole", 8, DeprecationGuide + "#rbac-resources-v122"),
        new("rbac.authorization.k8s.io/v1 ClusterRoleBinding", 8, DeprecationGuide + "#rbac-resources-v122"),
        new("rbac.authorization.k8s.io/v1 Role", 8, DeprecationGuide + "#rbac-resources-v122"),
        new("rbac.authorization.k8s.io/v1 RoleBinding", 8, DeprecationGuide + "#rbac-resources-v122"),
        new("admissionregistration.k8s.io/v1 MutatingWebhookConfiguration", 16, DeprecationGuide + "#webhook-resources-v122"),
        new("admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration", 16, DeprecationGuide + "#webhook-resources-v122"),
        new("node.k8s.io/v1 RuntimeClass", 20, DeprecationGuide + "#runtimeclass-v125"),
        new("networking.k8s.io/v1 NetworkPolicy", 8, DeprecationGuide + "#networkpolicy-v116"),
        new("v1 Namespace", 0, CoreV1),
        new("v1 Service", 0, CoreV1),
        new("v1 ServiceAccount", 0, CoreV1),
        new("v1 ConfigMap", 0, CoreV1),
        new("v1 Secret", 0, CoreV1),
        new("isolation.hyperv.dev/v1alpha1 IsolatedWorkload", 28, "our CRD (x-kubernetes-validations[].fieldPath, see below)"),
        new("isolation.hyperv.dev/v1alpha1 IsolationPolicy", 28, "our CRD (x-kubernetes-validations[].fieldPath, see below)"),
        new("cert-manager.io/v1 Certificate", 0, CertManager),
        new("cert-manager.io/v1 Issuer", 0, CertManager),
        new("monitoring.coreos.com/v1 ServiceMonitor", 0, PrometheusOperator),
        new("monitoring.coreos.com/v1 PodMonitor", 0, PrometheusOperator),

        // Fields newer than their kind.
        new("CustomResourceDefinition:spec.versions[].selectableFields", 31, CrdDocs + "#crd-selectable-fields (KEP-4358: beta v1.31, GA v1.32)"),
        new("Deployment:spec.template.spec.securityContext.seccompProfile", 19, "https://kubernetes.io/docs/tutorials/security/seccomp/ (seccompProfile GA in v1.19)"),
        new("DaemonSet:spec.template.spec.securityContext.seccompProfile", 19, "https://kubernetes.io/docs/tutorials/security/seccomp/ (seccompProfile GA in v1.19)"),
        new("DaemonSet:spec.template.spec.securityContext.windowsOptions.hostProcess", 26, HostProcess),
        new("DaemonSet:spec.template.spec.containers[].securityContext.windowsOptions.hostProcess", 26, HostProcess),
        new("Job:spec.template.spec.securityContext.windowsOptions.hostProcess", 26, HostProcess),
        new("Job:spec.template.spec.containers[].securityContext.windowsOptions.hostProcess", 26, HostProcess),
        new("PodDisruptionBudget:spec.unhealthyPodEvictionPolicy", 27, "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy (beta and on by default v1.27, GA v1.31)"),
        new("MutatingWebhookConfiguration:webhooks[].matchConditions", 28, MatchConditions),
        new("ValidatingWebhookConfiguration:webhooks[].matchConditions", 28, MatchConditions),
        new("MutatingWebhookConfiguration:webhooks[].namespaceSelector.matchExpressions[].key=kubernetes.io/metadata.name", 22, NamespaceNameLabel),
        new("ValidatingWebhookConfiguration:webhooks[].namespaceSelector.matchExpressions[].key=kubernetes.io/metadata.name", 22, NamespaceNameLabel),

        // CRD schema keywords (openAPIV3Schema and everything below it).
        .. ((string[])[
            "type", "description", "properties", "items", "required", "enum", "format", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems",
            "maxItems", "uniqueItems", "minProperties", "maxProperties", "additionalProperties", "nullable", "anyOf",
            "oneOf", "allOf", "not", "title", "example", "x-kubernetes-int-or-string", "x-kubernetes-list-type",
            "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource",
        ]).Select(keyword => new FieldIntroduction("schema:" + keyword, 16, StructuralSchema)),
        new("schema:default", 16, CrdDocs + "#defaulting (beta and on by default v1.16, GA v1.17)"),
        new("schema:x-kubernetes-validations", 25, ValidationRules),
        new("schema:x-kubernetes-validations[].rule", 25, ValidationRules),
        new("schema:x-kubernetes-validations[].message", 25, ValidationRules),
        new("schema:x-kubernetes-validations[].messageExpression", 27, CrdDocs + "#the-messageexpression-field (v1.27)"),
        new("schema:x-kubernetes-validations[].reason", 28, RuleFieldPathAndReason),
        new("schema:x-kubernetes-validations[].fieldPath", 28, RuleFieldPathAndReason),
        new("schema:x-kubernetes-validations[].optionalOldSelf", 30, CrdDocs + "#validation-ratcheting (KEP-4008: beta v1.30)"),
    ];

    /// <summary>Every entry by its field.</summary>
    public static IReadOnlyDictionary<string, FieldIntroduction> All { get; } = Entries.ToDictionary(introduction => introduction.Field, StringComparer.Ordinal);
}
