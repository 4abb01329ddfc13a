using HyperVIsolation.ControllerRuntime.Cache;
using k8s.Models;

namespace HyperVIsolation.ControllerRuntime.Tests.Cache;

internal static class Pods
{
    public static V1Pod Pod(string name, string resourceVersion, string? ownerUid = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            ResourceVersion = resourceVersion,
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }],
            OwnerReferences = ownerUid is null
                ? null
                : [new V1OwnerReference { ApiVersion = "isolation.hyperv.dev/v1alpha1", Kind = "IsolatedWorkload", Name = "owner-" + ownerUid, Uid = ownerUid, Controller = true }],
        },
    };

    public static WatchEvent<V1Pod> Added(V1Pod pod) => new(WatchEventKind.Added, pod, pod.Metadata.ResourceVersion);

    public static WatchEvent<V1Pod> Modified(V1Pod pod) => new(WatchEventKind.Modified, pod, pod.Metadata.ResourceVersion);

    public static WatchEvent<V1Pod> Deleted(V1Pod pod) => new(WatchEventKind.Deleted, pod, pod.Metadata.ResourceVersion);

    public static WatchEvent<V1Pod> Bookmark(string resourceVersion) => new(WatchEventKind.Bookmark, null, resourceVersion);

    public static WatchEvent<V1Pod> Expired() => new(WatchEventKind.Expired, null, null, "too old resource version");
}
