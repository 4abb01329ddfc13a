using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// Merge strategies of <c>core/v1</c> PodSpec and ObjectMeta, taken from the <c>patchMergeKey</c>,
/// <c>patchStrategy</c>, <c>listType</c> and <c>listMapKey</c> markers of k8s.io/api. Lists not
/// named here (tolerations, args, command, envFrom, readinessGates...) are atomic.
/// </summary>
internal static class PodSpecStrategies
{
    private static readonly ListMapKey[] PortKeys =
        [new("containerPort"), new("protocol", JsonValue.Create("TCP"))];

    /// <summary>ObjectMeta at <paramref name="prefix"/> ("metadata" or "spec.template.metadata").</summary>
    public static SchemaTableBuilder AddObjectMeta(this SchemaTableBuilder table, string prefix) => table
        .Set($"{prefix}.finalizers")
        .ListMap($"{prefix}.ownerReferences", "uid")
        .Atomic($"{prefix}.managedFields");

    /// <summary>A PodTemplateSpec at <paramref name="prefix"/>, e.g. <c>spec.template</c>.</summary>
    public static SchemaTableBuilder AddPodTemplate(this SchemaTableBuilder table, string prefix) => table
        .AddObjectMeta($"{prefix}.metadata")
        .AddPodSpec($"{prefix}.spec");

    /// <summary>A PodSpec at <paramref name="prefix"/>, e.g. <c>spec</c> for a Pod.</summary>
    public static SchemaTableBuilder AddPodSpec(this SchemaTableBuilder table, string prefix)
    {
        foreach (var containers in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            table.ListMap($"{prefix}.{containers}", "name").AddContainer($"{prefix}.{containers}[]");
        }

        return table
            .ListMap($"{prefix}.volumes", "name")
            .ListMap($"{prefix}.imagePullSecrets", "name")
            .ListMap($"{prefix}.hostAliases", "ip")
            .ListMap($"{prefix}.topologySpreadConstraints", "topologyKey", "whenUnsatisfiable")
            .ListMap($"{prefix}.resourceClaims", "name")
            .ListMap($"{prefix}.schedulingGates", "name")
            .Atomic($"{prefix}.nodeSelector");
    }

    /// <summary>The status of a Pod at <c>status</c>.</summary>
    public static SchemaTableBuilder AddPodStatus(this SchemaTableBuilder table) => table
        .ListMap("status.conditions", "type")
        .ListMap("status.podIPs", "ip");

    private static SchemaTableBuilder AddContainer(this SchemaTableBuilder table, string prefix) => table
        .ListMap($"{prefix}.ports", PortKeys)
        .ListMap($"{prefix}.env", "name")
        .ListMap($"{prefix}.volumeMounts", "mountPath")
        .ListMap($"{prefix}.volumeDevices", "devicePath");
}
