using System.Reflection;
using HyperVIsolation.Api;
using HyperVIsolation.Api.Schema;
using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>
/// Turns a root type marked <see cref="KubernetesEntityAttribute"/> and
/// <see cref="CustomResourceAttribute"/> into an <c>apiextensions.k8s.io/v1</c>
/// CustomResourceDefinition with one served and stored version.
/// </summary>
internal sealed class CustomResourceDefinitionGenerator(DescriptionSource descriptions)
{
    public const string PartOfLabel = "app.kubernetes.io/part-of";

    public const string PartOfValue = "hyperv-isolation";

    public CustomResourceDefinitionGenerator()
        : this(new DescriptionSource())
    {
    }

    public V1CustomResourceDefinition Generate(Type rootType)
    {
        var entity = rootType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ManifestGenerationException($"{rootType.Name} has no [KubernetesEntity] attribute.");
        var resource = rootType.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new ManifestGenerationException($"{rootType.Name} has no [CustomResource] attribute.");
        CheckEntity(rootType, entity);

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta
            {
                Name = $"{entity.PluralName}.{entity.Group}",
                Labels = new Dictionary<string, string> { [PartOfLabel] = PartOfValue },

                // Where only the CRDs are applied (kubectl apply -k config/crd, GitOps), the supported range still travels with them.
                Annotations = new Dictionary<string, string> { [SupportedKubernetes.Annotation] = SupportedKubernetes.Constraint },
            },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Names = Names(entity, resource),
                Scope = resource.Scope == ResourceScope.Cluster ? "Cluster" : "Namespaced",
                Versions = [Version(rootType, entity)],
            },
        };
    }

    private static void CheckEntity(Type rootType, KubernetesEntityAttribute entity)
    {
        if (string.IsNullOrEmpty(entity.Group) || string.IsNullOrEmpty(entity.ApiVersion) ||
            string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.PluralName))
        {
            throw new ManifestGenerationException(
                $"{rootType.Name}: [KubernetesEntity] must set Group, ApiVersion, Kind and PluralName.");
        }
    }

    private static V1CustomResourceDefinitionNames Names(KubernetesEntityAttribute entity, CustomResourceAttribute resource) => new()
    {
        Kind = entity.Kind,
        ListKind = entity.Kind + "List",
        Plural = entity.PluralName,
        Singular = entity.Kind.ToLowerInvariant(),
        ShortNames = resource.ShortNames.Length == 0 ? null : [.. resource.ShortNames],
        Categories = resource.Categories.Length == 0 ? null : [.. resource.Categories],
    };

    private V1CustomResourceDefinitionVersion Version(Type rootType, KubernetesEntityAttribute entity)
    {
        var columns = rootType.GetCustomAttributes<PrinterColumnAttribute>().Select(Column).ToList();
        return new V1CustomResourceDefinitionVersion
        {
            Name = entity.ApiVersion,
            Served = true,
            Storage = true,
            Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new OpenApiSchemaBuilder(descriptions).BuildRoot(rootType) },
            Subresources = Subresources(rootType),
            AdditionalPrinterColumns = columns.Count == 0 ? null : columns,
        };
    }

    // The status subresource is always served: only the operator writes status, and spec
    // writes then bump metadata.generation, which status.observedGeneration is compared with.
    private static V1CustomResourceSubresources Subresources(Type rootType)
    {
        var scale = rootType.GetCustomAttribute<ScaleSubresourceAttribute>();
        return new V1CustomResourceSubresources
        {
            Status = new Dictionary<string, object>(),
            Scale = scale is null ? null : new V1CustomResourceSubresourceScale
            {
                SpecReplicasPath = scale.SpecReplicasPath,
                StatusReplicasPath = scale.StatusReplicasPath,
                LabelSelectorPath = scale.LabelSelectorPath,
            },
        };
    }

    private static V1CustomResourceColumnDefinition Column(PrinterColumnAttribute column) => new()
    {
        Name = column.Name,
        Type = column.Type,
        JsonPath = column.JsonPath,
        Description = column.Description,
        Priority = column.Priority == 0 ? null : column.Priority,
    };
}
