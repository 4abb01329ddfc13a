using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// The merge-strategy table of the built-in kinds the project uses, keyed by <c>group/Kind</c>.
/// Built-in kinds not listed get ObjectMeta strategies only (every other list atomic).
/// </summary>
internal static class BuiltInSchemas
{
    private static readonly FrozenDictionary<string, SchemaNode> ByKind = new Dictionary<string, SchemaNode>
    {
        ["/Pod"] = Table().AddPodSpec("spec").AddPodStatus().Root,
        ["/Node"] = Table().Set("spec.podCIDRs").ListMap("status.addresses", "type").ListMap("status.conditions", "type").Root,
        ["/Namespace"] = Table().ListMap("status.conditions", "type").Root,
        ["/Service"] = Table()
            .ListMap("spec.ports", [new ListMapKey("port"), new ListMapKey("protocol", JsonValue.Create("TCP"))])
            .Atomic("spec.selector").ListMap("status.conditions", "type").Root,
        ["/ServiceAccount"] = Table().ListMap("secrets", "name").Root,
        ["/PodTemplate"] = Table().AddPodTemplate("template").Root,
        ["/ReplicationController"] = Workload().Root,
        ["apps/Deployment"] = Workload().Root,
        ["apps/DaemonSet"] = Workload().Root,
        ["apps/ReplicaSet"] = Workload().Root,
        ["apps/StatefulSet"] = Workload().Root,
        ["batch/Job"] = Workload().Root,
        ["batch/CronJob"] = Table().AddPodTemplate("spec.jobTemplate.spec.template").Atomic("spec.jobTemplate.spec.selector").Root,
        ["policy/PodDisruptionBudget"] = Table().Atomic("spec.selector").ListMap("status.conditions", "type").Root,
        ["networking.k8s.io/NetworkPolicy"] = Table().Atomic("spec.podSelector").Root,
        ["admissionregistration.k8s.io/MutatingWebhookConfiguration"] = Webhooks().Root,
        ["admissionregistration.k8s.io/ValidatingWebhookConfiguration"] = Webhooks().Root,
        ["apiextensions.k8s.io/CustomResourceDefinition"] = Table().ListMap("status.conditions", "type").Root,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly SchemaNode OtherBuiltIn = Table().Root;

    /// <summary>The strategies of a built-in kind; null when the group is not built in (a custom resource).</summary>
    public static SchemaNode? Find(string apiVersion, string kind)
    {
        if (!KubernetesApiGroups.IsBuiltIn(apiVersion))
        {
            return null;
        }

        var key = $"{KubernetesApiGroups.GroupOf(apiVersion)}/{kind}";
        return ByKind.TryGetValue(key, out var node) ? node : OtherBuiltIn;
    }

    private static SchemaTableBuilder Table() => new SchemaTableBuilder().AddObjectMeta("metadata");

    /// <summary>Deployment, DaemonSet, ReplicaSet, StatefulSet, Job: LabelSelector is an atomic struct.</summary>
    private static SchemaTableBuilder Workload() => Table()
        .AddPodTemplate("spec.template")
        .Atomic("spec.selector")
        .ListMap("status.conditions", "type");

    private static SchemaTableBuilder Webhooks() => Table()
        .ListMap("webhooks", "name")
        .Atomic("webhooks[].namespaceSelector")
        .Atomic("webhooks[].objectSelector")
        .ListMap("webhooks[].matchConditions", "name");
}
