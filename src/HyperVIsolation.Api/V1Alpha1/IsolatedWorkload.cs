using HyperVIsolation.Api.Schema;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>
/// A set of identical Windows pods that each run in their own Hyper-V utility VM, with the OS
/// image and VM size chosen for the nodes that can run them.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = Plural)]
[CustomResource(Scope = ResourceScope.Namespaced, ShortNames = ["iw"], Categories = ["all", "isolation"])]
[ScaleSubresource(".spec.replicas", ".status.replicas", ".status.selector")]
[PrinterColumn("Desired", "integer", ".spec.replicas", Description = "Pods wanted")]
[PrinterColumn("Ready", "integer", ".status.readyReplicas", Description = "Pods ready")]
[PrinterColumn("OS", "string", ".status.os.flavor", Description = "Chosen base image family")]
[PrinterColumn("Version", "string", ".status.os.version", Description = "Chosen Windows release")]
[PrinterColumn("VM", "string", ".status.vm.summary", Description = "Utility VM size per pod")]
[PrinterColumn("RuntimeClass", "string", ".status.runtimeClassName", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp")]
public sealed class IsolatedWorkload : IKubernetesObject<V1ObjectMeta>, ISpec<IsolatedWorkloadSpec>, IStatus<IsolatedWorkloadStatus?>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "IsolatedWorkload";

    /// <summary>The plural resource name.</summary>
    public const string Plural = "isolatedworkloads";

    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Desired state.</summary>
    public IsolatedWorkloadSpec Spec { get; set; } = new();

    /// <summary>Observed state, written by the operator.</summary>
    public IsolatedWorkloadStatus? Status { get; set; }
}
