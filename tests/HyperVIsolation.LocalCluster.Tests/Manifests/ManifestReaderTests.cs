using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalCluster.Manifests;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public async Task ReadDirectoryAsync_Samples_TypedObjectsWithoutKustomization()
    {
        var manifests = await ManifestReader.ReadDirectoryAsync(RepositoryPaths.Samples, CancellationToken.None);

        manifests.Select(m => m.Object.GetType()).Should().Contain([typeof(V1Namespace), typeof(IsolationPolicy), typeof(IsolatedWorkload)]);
        manifests.Should().NotContain(m => m.SourceFile.Contains("kustomization", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sort_Samples_NamespaceThenPolicyThenWorkloads()
    {
        var sorted = ManifestOrder.Sort(await ManifestReader.ReadDirectoryAsync(RepositoryPaths.Samples, CancellationToken.None));

        sorted[0].Object.Should().BeOfType<V1Namespace>();
        sorted[1].Object.Should().BeOfType<IsolationPolicy>();
        sorted.Skip(2).Should().OnlyContain(m => m.Object is IsolatedWorkload);
    }

    [Fact]
    public async Task ReadFileAsync_UnknownKind_NamesTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"unknown-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n");
        try
        {
            var read = () => ManifestReader.ReadFileAsync(file);

            (await read.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().StartWith(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ResourceKindTable_BuiltInsAndInstalledCrds_Addressable()
    {
        var table = ResourceKindTable.WithBuiltIns();
        foreach (var crd in await ManifestReader.ReadDirectoryAsync(RepositoryPaths.Crds, CancellationToken.None))
        {
            table.Add((V1CustomResourceDefinition)crd.Object);
        }

        table.Find(new V1Namespace { ApiVersion = "v1", Kind = "Namespace" }).Should().Be(new ResourceKind("", "v1", "namespaces", false));
        table.Find(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap" }).Should().Be(new ResourceKind("", "v1", "configmaps", true));
        table.Find(new IsolatedWorkload()).Should().Be(new ResourceKind(ApiGroup.Group, ApiGroup.Version, IsolatedWorkload.Plural, true));
        table.Find(new IsolationPolicy()).Should().Be(new ResourceKind(ApiGroup.Group, ApiGroup.Version, IsolationPolicy.Plural, false));
    }

    [Theory]
    [InlineData("""{"kind":"Status","message":"namespaces \"x\" not found"}""", "namespaces \"x\" not found")]
    [InlineData("", null)]
    [InlineData("[1]", null)]
    public void StatusMessage_FromBody(string body, string? expected) => ApiErrorText.StatusMessage(body).Should().Be(expected);
}
