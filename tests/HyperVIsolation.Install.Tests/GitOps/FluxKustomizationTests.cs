using HyperVIsolation.Install.Tests.Tools;
using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Install.Tests.GitOps;

/// <summary>The Flux example in the chart's docs, built with the real <c>kubectl kustomize</c>, against the objects its path produces.</summary>
[Collection(ClientToolsDefinition.Name)]
public sealed class FluxKustomizationTests(ClientTools tools)
{
    private const string Group = "isolation.hyperv.dev/v1alpha1";

    [Fact]
    public async Task Kustomize_FluxExample_OneFluxKustomizationFromTheFluxSystemSource()
    {
        var flux = await FluxKustomizationAsync();

        YamlDocuments.At(flux, "apiVersion").Should().Be("kustomize.toolkit.fluxcd.io/v1");
        YamlDocuments.At(flux, "spec.sourceRef.kind").Should().Be("GitRepository");
        YamlDocuments.At(flux, "spec.prune").Should().Be("true");
    }

    [Fact]
    public async Task HealthChecks_FluxExample_CoverEveryPolicyAndWorkloadItsPathApplies()
    {
        var flux = await FluxKustomizationAsync();
        var path = YamlDocuments.At(flux, "spec.path")!;
        var applied = await BuildAsync(path.TrimStart('.', '/'));

        var ours = applied.Where(document => YamlDocuments.At(document, "apiVersion") == Group).Select(YamlDocuments.Identity);
        var checkedObjects = ((YamlSequenceNode)((YamlMappingNode)flux["spec"])["healthChecks"]).Children.Cast<YamlMappingNode>()
            .Select(check =>
            {
                YamlDocuments.At(check, "apiVersion").Should().Be(Group);
                var ns = YamlDocuments.At(check, "namespace");
                return ns is null ? $"{YamlDocuments.At(check, "kind")}/{YamlDocuments.At(check, "name")}" : $"{YamlDocuments.At(check, "kind")}/{ns}/{YamlDocuments.At(check, "name")}";
            });
        checkedObjects.Should().BeEquivalentTo(ours).And.HaveCount(4);
    }

    private async Task<YamlMappingNode> FluxKustomizationAsync() =>
        (await BuildAsync("charts/hyperv-isolation/docs/flux")).Should().ContainSingle(document => YamlDocuments.At(document, "kind") == "Kustomization").Subject;

    private async Task<IReadOnlyList<YamlMappingNode>> BuildAsync(string directory)
    {
        var built = await tools.KubectlAsync("kustomize", directory);
        built.ExitCode.Should().Be(0, built.Error);
        return YamlDocuments.Parse(built.Output);
    }
}
