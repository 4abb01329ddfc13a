using System.Reflection;
using HyperVIsolation.Api.Schema;
using HyperVIsolation.Api.V1Alpha1;
using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>Finds the custom resource root types: those marked both [KubernetesEntity] and [CustomResource].</summary>
internal static class CustomResourceCatalog
{
    /// <summary>The root types of the product API, ordered by kind so output is stable.</summary>
    public static IReadOnlyList<Type> ApiRootTypes => Find(typeof(IsolatedWorkload).Assembly);

    public static IReadOnlyList<Type> Find(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(type => type.GetCustomAttribute<KubernetesEntityAttribute>() is not null)
            .Where(type => type.GetCustomAttribute<CustomResourceAttribute>() is not null)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();
}
