using k8s;
using k8s.Models;

namespace HyperVIsolation.Api.V1Alpha1;

/// <summary>A list of IsolationPolicy objects.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KindName, PluralName = IsolationPolicy.Plural)]
public sealed class IsolationPolicyList : IKubernetesObject<V1ListMeta>, IItems<IsolationPolicy>
{
    /// <summary>The kind name.</summary>
    public const string KindName = "IsolationPolicyList";

    /// <summary>APIVersion defines the versioned schema of this representation of an object.</summary>
    public string ApiVersion { get; set; } = ApiGroup.ApiVersion;

    /// <summary>Kind is a string value representing the REST resource this object represents.</summary>
    public string Kind { get; set; } = KindName;

    /// <summary>List metadata.</summary>
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    public IList<IsolationPolicy> Items { get; set; } = [];
}
