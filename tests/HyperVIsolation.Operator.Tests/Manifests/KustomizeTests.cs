using YamlDotNet.RepresentationModel;

namespace HyperVIsolation.Operator.Tests.Manifests;

[Collection(KubectlFixtureDefinition.Name)]
public sealed class KustomizeTests(KubectlFixture kubectl)
{
    [Fact]
    public void KubectlKustomize_ConfigCrd_BothCrds()
    {
        var documents = Kustomize("config/crd");

        documents.Select(KindAndName).Should().BeEquivalentTo(
            "CustomResourceDefinition/isolatedworkloads.isolation.hyperv.dev",
            "CustomResourceDefinition/isolationpolicies.isolation.hyperv.dev");
    }

    [Fact]
    public void KubectlKustomize_ConfigSamples_AllSamples()
    {
        var documents = Kustomize("config/samples");

        documents.Select(KindAndName).Should().BeEquivalentTo(
            "Namespace/tenant-untrusted",
            "IsolationPolicy/untrusted-tenants",
            "IsolatedWorkload/nanoserver-web",
            "IsolatedWorkload/dotnet-framework-app",
            "IsolatedWorkload/per-version-images");
    }

    private List<YamlMappingNode> Kustomize(string directory)
    {
        var result = kubectl.Kubectl("kustomize", directory);
        result.ExitCode.Should().Be(0, result.Error);

        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    private static string KindAndName(YamlMappingNode document)
    {
        var metadata = (YamlMappingNode)document["metadata"];
        return $"{document["kind"]}/{metadata["name"]}";
    }
}
