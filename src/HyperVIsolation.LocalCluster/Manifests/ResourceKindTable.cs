using System.Reflection;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Manifests;

/// <summary>
/// Maps <c>apiVersion/kind</c> to a <see cref="ResourceKind"/>: built-in kinds from the client's model
/// attributes, custom kinds from the CRDs just installed (which name their plural and scope).
/// </summary>
internal sealed class ResourceKindTable
{
    // The model attributes carry the plural but not the scope; these are the cluster-scoped built-ins
    // a sample is likely to contain.
    private static readonly HashSet<string> ClusterScopedBuiltIns = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "RuntimeClass", "PriorityClass", "StorageClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    };

    private readonly Dictionary<string, ResourceKind> kinds = new(StringComparer.Ordinal);

    /// <summary>A table of the built-in kinds the client has models for.</summary>
    public static ResourceKindTable WithBuiltIns()
    {
        var table = new ResourceKindTable();
        foreach (var type in typeof(V1Pod).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<KubernetesEntityAttribute>() is { Kind.Length: > 0, PluralName.Length: > 0 } entity)
            {
                var apiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
                table.kinds.TryAdd(
                    Key(apiVersion, entity.Kind),
                    new ResourceKind(entity.Group ?? string.Empty, entity.ApiVersion, entity.PluralName, !ClusterScopedBuiltIns.Contains(entity.Kind)));
            }
        }

        return table;
    }

    /// <summary>Adds every served version of a CRD.</summary>
    public void Add(V1CustomResourceDefinition crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        foreach (var version in crd.Spec.Versions.Where(v => v.Served))
        {
            kinds[Key($"{crd.Spec.Group}/{version.Name}", crd.Spec.Names.Kind)] = new ResourceKind(
                crd.Spec.Group, version.Name, crd.Spec.Names.Plural, crd.Spec.Scope == "Namespaced");
        }
    }

    /// <summary>The resource of an object, or null when its kind is unknown.</summary>
    public ResourceKind? Find(IKubernetesObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return kinds.GetValueOrDefault(Key(manifest.ApiVersion, manifest.Kind));
    }

    private static string Key(string apiVersion, string kind) => apiVersion + "/" + kind;
}
