using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;

namespace HyperVIsolation.Operator.Manifests;

/// <summary>Renders the CRDs of the given root types, and their kustomization, to YAML text.</summary>
internal static class ManifestRenderer
{
    public const string Header =
        "Generated from the C# API types in src/HyperVIsolation.Api. Do not edit:\n" +
        "run `dotnet run --project src/HyperVIsolation.Operator -- manifests --output config/`.";

    public static GeneratedManifests RenderApi() => Render(CustomResourceCatalog.ApiRootTypes);

    public static GeneratedManifests Render(IReadOnlyList<Type> rootTypes)
    {
        var generator = new CustomResourceDefinitionGenerator();
        var crds = rootTypes.Select(type => RenderCrd(generator, type)).ToList();
        return new GeneratedManifests(crds, RenderKustomization(crds));
    }

    public static string FileNameOf(Type rootType)
    {
        var entity = rootType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ManifestGenerationException($"{rootType.Name} has no [KubernetesEntity] attribute.");
        return $"{entity.Group}_{entity.PluralName}.yaml";
    }

    private static ManifestFile RenderCrd(CustomResourceDefinitionGenerator generator, Type rootType) =>
        new(FileNameOf(rootType), YamlManifestWriter.Write(generator.Generate(rootType), Header));

    private static ManifestFile RenderKustomization(IEnumerable<ManifestFile> crds)
    {
        var kustomization = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = new JsonArray([.. crds.Select(crd => JsonValue.Create(crd.FileName))]),
        };
        using var document = System.Text.Json.JsonDocument.Parse(kustomization.ToJsonString());
        return new ManifestFile("kustomization.yaml", YamlManifestWriter.Write(document.RootElement, Header));
    }
}
